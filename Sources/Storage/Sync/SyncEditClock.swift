/// When a row's editable fields (a person's names, avatar, languages and photo; a group's name,
/// picture and photo; a recording's title, language and picture; a scenario's visibility) last changed on the side that sends it:
/// between two sides' edits the later wins.
public struct SyncEditClock: Codable, Sendable, Equatable {
    /// `.person`, `.group`, `.recording` or `.scenario`.
    public var kind: SyncItemKind
    public var itemId: String
    /// Milliseconds since 1970; 0 for never edited.
    public var editedAt: Int64

    public init(kind: SyncItemKind, itemId: String, editedAt: Int64) {
        self.kind = kind
        self.itemId = itemId
        self.editedAt = editedAt
    }

    /// True when an edit made at `incoming` with these field values wins over the one held, made at
    /// `held`: the later; on the same millisecond the larger values (compared in order), so both
    /// sides choose alike.
    public static func wins(_ incoming: Int64, _ incomingFields: [String], over held: Int64, _ heldFields: [String]) -> Bool {
        if incoming != held { return incoming > held }
        return heldFields.lexicographicallyPrecedes(incomingFields)
    }
}
