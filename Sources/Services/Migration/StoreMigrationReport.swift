import Storage

/// What a run of ``StoreMigration`` did.
public struct StoreMigrationReport: Sendable, Equatable {
    /// Per table: rows read from the source (all of them unless the run stopped there), and how
    /// many this run inserted (the rest were there).
    public var tables: [TableCount] = []
    /// Per kind of blob: how many the source's rows name, and how many this run copied.
    public var blobs: [BlobCount] = []
    /// False when the run stopped early as asked (``StoreMigration/stopAfter``): run it again.
    public var finished = false

    public struct TableCount: Sendable, Equatable {
        public let table: String
        public let rows: Int
        public let inserted: Int
    }

    public struct BlobCount: Sendable, Equatable {
        public let kind: MediaStoreKind
        public let blobs: Int
        public let copied: Int
        public let bytesCopied: Int
    }

    public init() {}
}
