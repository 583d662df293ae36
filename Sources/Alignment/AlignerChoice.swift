/// Picks the aligner for a transcript's language.
public enum AlignerChoice {
    /// ``SynthesisDTWAligner`` when eSpeak NG has a voice for `language` (a BCP 47 tag: `fr`,
    /// `en-GB`, `pt-BR`, `sw`…, matched against the installed voices' languages), otherwise
    /// ``PauseAligner`` (Romani `rom`, Wolof `wo`, Bambara `bm`, `und`…, and every language when
    /// eSpeak NG's data cannot be loaded).
    public static func aligner(for language: String) -> any TranscriptAligner {
        SynthesisDTWAligner.supports(language: language) ? SynthesisDTWAligner() : PauseAligner()
    }

    /// The eSpeak NG language that would speak `language`, or `nil` when the pause aligner would be used.
    public static func synthesisVoice(for language: String) -> String? {
        try? ESpeakEngine.shared.language(for: language)
    }
}
