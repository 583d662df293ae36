import Transcripts
/// A learning unit built from a learner's need (introduce yourself, see a doctor…): a title and
/// picture, the languages it is in, and an ordered list of steps. Read from a Markdown file with a
/// YAML front matter by `ScenarioParser`.
public struct Scenario: Sendable, Hashable {
    /// Lowercase letters, digits and hyphens; the file's name for shipped scenarios.
    public let slug: String
    public let title: String
    /// BCP 47 tags; the first is the language of the steps unless a step says otherwise.
    public let languages: [String]
    public let themes: [String]
    /// 1 (first steps) to 5.
    public let level: Int
    public let picture: ScenarioMedia?
    /// The title said aloud, for people who cannot read it.
    public let spokenTitle: ScenarioMedia?
    /// True when the prompts are synthetic speech that trainers should replace with a human voice.
    public let syntheticVoice: Bool
    public let steps: [ScenarioStep]
    /// The Markdown after the front matter: notes for trainers.
    public let notes: String
    /// Every place the scenario names media, with its line.
    public let mediaUses: [ScenarioMediaUse]

    /// The step with this key.
    public func step(id: String) -> ScenarioStep? { steps.first { $0.id == id } }
}
