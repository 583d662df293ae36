import Foundation

/// Where one spoken label (a language and a key) stands, as it travels on every pair: the take it
/// plays, or its removal (back to the shipped clip). Between two sides the later change wins.
public struct SyncSpokenLabel: Codable, Sendable, Equatable {
    public var language: String
    public var key: String
    /// The recording it plays; nil once removed.
    public var recordingId: String?
    /// Who recorded it (nil when removed, or not a person on this side).
    public var recordedBy: String?
    /// When it was recorded or removed, in milliseconds since 1970.
    public var changedAt: Int64
    /// The take's row, travelling with it (its audio moves in the same bundle); nil for a removal,
    /// and in what a store reads back.
    public var recording: Recording?

    public init(language: String, key: String, recordingId: String?, recordedBy: String?, changedAt: Int64, recording: Recording? = nil) {
        self.language = language
        self.key = key
        self.recordingId = recordingId
        self.recordedBy = recordedBy
        self.changedAt = changedAt
        self.recording = recording
    }

    /// The change log's item id for it: its language and key.
    public var itemId: String { "\(language) \(key)" }

    /// True when `self` wins over `other` (the same language and key): the later change; on the
    /// same millisecond a removal, then the larger recording id, so both sides choose alike.
    public func wins(over other: SyncSpokenLabel) -> Bool {
        if changedAt != other.changedAt { return changedAt > other.changedAt }
        switch (recordingId, other.recordingId) {
        case (nil, let theirs): return theirs != nil
        case (_, nil): return false
        case (let mine?, let theirs?): return mine > theirs
        }
    }
}
