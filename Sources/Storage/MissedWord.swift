/// A word learners got wrong or left out, counted over their attempts.
public struct MissedWord: Sendable, Equatable {
    /// The word as the transcript writes it (its lower-case spelling when it has several).
    public var word: String
    /// The language of the transcripts it was missed in.
    public var language: String
    /// Times it was marked wrong or missing.
    public var missed: Int
    /// Times it was a near miss.
    public var close: Int
    /// How many learners missed it at least once.
    public var learners: Int

    public init(word: String, language: String, missed: Int, close: Int, learners: Int) {
        self.word = word
        self.language = language
        self.missed = missed
        self.close = close
        self.learners = learners
    }
}
