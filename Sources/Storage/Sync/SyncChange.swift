/// One entry of a server's change log: something was created or changed here (or arrived from a
/// peer, then `origin` names it, so it is never sent back there).
public struct SyncChange: Sendable, Equatable {
    public var seq: Int64
    public var kind: SyncItemKind
    /// The item's id (for a membership `groupId personId`, for a transcript revision its local row id,
    /// for a consent its recording's id, for a scenario its slug, for a scenario revision its `syncId`, for a deletion ``SyncDeletion/itemId``, for a level set by hand ``SyncLevelSetting/itemId``, for a spoken label ``SyncSpokenLabel/itemId``, for a scenario step done `personId slug stepId`).
    public var itemId: String
    public var origin: String?

    public init(seq: Int64, kind: SyncItemKind, itemId: String, origin: String?) {
        self.seq = seq
        self.kind = kind
        self.itemId = itemId
        self.origin = origin
    }
}

/// What a change log entry is about.
public enum SyncItemKind: String, Sendable, Codable, CaseIterable {
    case group, person, membership, mentoringPair, recording, consent, tombstone, transcriptRevision, attempt, scenario, scenarioRevision, deletion, levelSetting, spokenLabel, stepDone
}
