/// Where a recording's audio is served, in each form (`/media/ID.opus`, `.wav`, `.caf`): the one
/// place these paths are spelled, for every response that links to audio.
enum MediaURL {
    static func opus(_ recordingId: String) -> String { "/media/\(recordingId).opus" }
    static func wav(_ recordingId: String) -> String { "/media/\(recordingId).wav" }
    static func caf(_ recordingId: String) -> String { "/media/\(recordingId).caf" }

    /// Every form by its name, as the exercise and recording answers list them.
    static func all(_ recordingId: String) -> [String: String] {
        ["opus": opus(recordingId), "wav": wav(recordingId), "caf": caf(recordingId)]
    }
}
