import Transcripts
/// One place a scenario names media, kept with its line so a missing file is reported where it is.
public struct ScenarioMediaUse: Sendable, Hashable {
    /// What audio or picture must exist for the scenario to be played.
    public enum Role: String, Sendable {
        /// Audio a learner hears (prompt, spoken title).
        case audio
        /// Audio an exercise is cut from: it needs a timed transcript in the step's language.
        case timedRecording
        /// An image.
        case picture
    }

    public let media: ScenarioMedia
    public let role: Role
    /// The field that names it (`prompt`, `recording`, `picture`, `spoken-title`).
    public let field: String
    /// 1-based line in the scenario file.
    public let line: Int
    /// The transcript's language for `timedRecording`.
    public let language: String?
    /// The written text the file says, for shipped audio files (what they are aligned with).
    public let text: String?
}
