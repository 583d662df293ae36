/// A recording row as it travels: the row, and when its sharing (visibility, shared with the
/// mentor) last changed, which decides between two sides' settings (the later one wins).
public struct SyncedRecording: Codable, Sendable, Equatable {
    public var recording: Recording
    /// Milliseconds since 1970 of the last change of sharing; 0 for never.
    public var sharingChangedAt: Int64

    public init(recording: Recording, sharingChangedAt: Int64) {
        self.recording = recording
        self.sharingChangedAt = sharingChangedAt
    }

    /// The sharing of a recording as it travels without its content (a narrowing sent to a side
    /// that may hold a copy).
    public var sharing: SyncedSharing {
        SyncedSharing(recordingId: recording.id, visibility: recording.visibility, sharedWithMentor: recording.sharedWithMentor,
                      changedAt: sharingChangedAt)
    }
}

/// Who may hear a recording, and when that was decided: what travels for a recording that may
/// not leave (its title, owner and audio stay home).
public struct SyncedSharing: Codable, Sendable, Equatable {
    public var recordingId: String
    public var visibility: Visibility
    public var sharedWithMentor: Bool
    public var changedAt: Int64

    public init(recordingId: String, visibility: Visibility, sharedWithMentor: Bool, changedAt: Int64) {
        self.recordingId = recordingId
        self.visibility = visibility
        self.sharedWithMentor = sharedWithMentor
        self.changedAt = changedAt
    }

    /// True when `self` wins over `other`: the later change; on the same millisecond the narrower
    /// sharing (both sides decide alike, and the safer way).
    public func wins(over other: SyncedSharing) -> Bool {
        if changedAt != other.changedAt { return changedAt > other.changedAt }
        if visibility != other.visibility { return visibility < other.visibility }
        return !sharedWithMentor && other.sharedWithMentor
    }
}
