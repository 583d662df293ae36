/// What became of another side's edit of a row held here (both engines decide alike).
public enum SyncEditOutcome: Sendable, Equatable {
    /// It was later: its fields and clock are taken.
    case taken
    /// The edit held here is later and differs: it is sent back (the other side may not have it,
    /// as when it was made while the recording was kept home).
    case kept
    /// Nothing differs.
    case same

    /// The outcome of an edit made at `incoming` with these field values over the one held, made
    /// at `held` (see ``SyncEditClock/wins(_:_:over:_:)``).
    public init(_ incoming: Int64, _ incomingFields: [String], over held: Int64, _ heldFields: [String]) {
        if incomingFields == heldFields {
            self = .same
        } else {
            self = SyncEditClock.wins(incoming, incomingFields, over: held, heldFields) ? .taken : .kept
        }
    }
}
