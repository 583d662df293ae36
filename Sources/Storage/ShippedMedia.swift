import Foundation

/// An audio file shipped with the scenarios (under the media folder), and the public recording it
/// was imported as, with the text it was timed against.
public struct ShippedMedia: Codable, Sendable, Equatable {
    /// Relative to the shipped media folder (`prompts/se-presenter/bonjour.opus`).
    public var path: String
    public var sha256: String
    public var text: String?
    public var language: String?
    public var recordingId: String
    public var importedAt: Date

    public init(path: String, sha256: String, text: String?, language: String?, recordingId: String, importedAt: Date = Date()) {
        self.path = path
        self.sha256 = sha256
        self.text = text
        self.language = language
        self.recordingId = recordingId
        self.importedAt = Date(millisecondsSince1970: importedAt.millisecondsSince1970)
    }
}
