extension Viewer {
    /// The key under which a store may keep "this signed-in viewer hears recording `id`" in
    /// memory (nil when not signed in: anonymous viewers hear public recordings only, kept by id).
    public func hearingKey(recordingId id: String) -> String? {
        guard let personId, let role else { return nil }
        return "\(personId) \(role.rawValue) \(id)"
    }

    /// Whether the answer "this viewer hears `recording`" may be kept: not when it was heard
    /// through a mentoring pair, which depends on the viewer's clock (a pair's start and end).
    public func mayKeepHearing(_ recording: Recording) -> Bool {
        recording.ownerId == personId || !recording.sharedWithMentor
    }
}
