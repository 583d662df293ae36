import Foundation

/// A spoken label recorded by a trainer: the clip a learner hears for one label key (`record`,
/// `keep`, `sun`…) in one language, instead of the shipped synthetic one. The audio is an
/// ordinary recording, public, owned by the trainer who spoke it.
public struct SpokenLabel: Codable, Sendable, Equatable {
    /// A BCP 47 tag, canonical.
    public var language: String
    public var key: String
    public var recordingId: String
    /// Who recorded it (nil once that person is deleted).
    public var recordedBy: String?
    public var recordedAt: Date

    public init(language: String, key: String, recordingId: String, recordedBy: String?, recordedAt: Date = Date()) {
        self.language = language
        self.key = key
        self.recordingId = recordingId
        self.recordedBy = recordedBy
        self.recordedAt = Date(millisecondsSince1970: recordedAt.millisecondsSince1970)
    }
}
