import Transcripts
/// One step of a scenario, in order.
public struct ScenarioStep: Sendable, Hashable {
    /// Stable key of the step inside its scenario (`id:` in the file, else its position from 1):
    /// progress and attempts are kept under `SLUG/ID`.
    public let id: String
    public let kind: ScenarioStepKind
    /// A short caption for trainers' screens.
    public let title: String?
    /// What the learner hears first: the question of a `record` step, the prompt of `listen`, `talk`.
    public let prompt: ScenarioMedia?
    /// The recording an exercise step works on.
    public let recording: ScenarioMedia?
    /// The written form of what the step's audio says (the transcript of a shipped recording).
    public let text: String?
    /// The language the step is in (the scenario's first language unless given).
    public let language: String
    /// The exercise level to open at (1–3), when the trainer fixes it.
    public let level: Int?
    /// The line of `- kind:` in the file.
    public let line: Int
}
