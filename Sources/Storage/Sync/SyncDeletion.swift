/// A recording or a transcript deleted (not withdrawn: that is a ``Tombstone``): it travels, and
/// stops a stale copy from bringing back what it deleted.
public struct SyncDeletion: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case recording, transcript
    }

    public var kind: Kind
    public var recordingId: String
    /// The transcript's language; empty for a recording.
    public var language: String
    /// Milliseconds since 1970. A transcript's revisions saved until then are gone; one saved later
    /// (a new transcript) stays.
    public var deletedAt: Int64

    public init(kind: Kind, recordingId: String, language: String = "", deletedAt: Int64) {
        self.kind = kind
        self.recordingId = recordingId
        self.language = language
        self.deletedAt = deletedAt
    }

    /// The change log's item id for it.
    public var itemId: String { [kind.rawValue, recordingId, language].joined(separator: " ") }
}
