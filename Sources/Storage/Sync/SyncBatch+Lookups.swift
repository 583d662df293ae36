extension SyncBatch {
    /// The batch's edit clocks by `kind id` (the later of two for one row).
    public var editClocksByItem: [String: Int64] {
        Dictionary(editClocks.map { ("\($0.kind.rawValue) \($0.itemId)", $0.editedAt) }, uniquingKeysWith: max)
    }

    /// The records of the batch's photos by hash.
    public var picturesByHash: [String: Picture] {
        Dictionary(pictures.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension SyncItemKind {
    /// The table and key column of the rows whose edits carry a clock (people, groups,
    /// recordings, scenarios), the same names on every engine (``LibrarySchema``); nil for other kinds.
    public var editedTable: (table: String, key: String)? {
        switch self {
        case .person: ("person", "id")
        case .group: ("learningGroup", "id")
        case .recording: ("recording", "id")
        case .scenario: ("scenario", "slug")
        default: nil
        }
    }
}
