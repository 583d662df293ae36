/// Whether a transcript writes down what is said in the recording's language, or translates it.
public enum TranscriptKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// What is said, in the language it is said in.
    case transcription
    /// What is said, in another language.
    case translation
}
