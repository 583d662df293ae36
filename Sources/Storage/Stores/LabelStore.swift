/// The spoken labels trainers recorded, per language and key.
public protocol LabelStore: Sendable {
    func spokenLabels(language: String) async throws -> [SpokenLabel]
    /// Points the label at its new recording; returns the recording it pointed at before.
    func publishSpokenLabel(_ label: SpokenLabel) async throws -> String?
    /// Forgets the label; returns it, or nil when none was recorded.
    func removeSpokenLabel(language: String, key: String) async throws -> SpokenLabel?
}
