/// How one word of an answer was judged: one mark per expected word, in order, with the extra
/// words written in between.
public struct WordMark: Sendable, Equatable, Hashable, Codable {
    /// The verdict on a word.
    public enum Mark: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        /// Right, or different only in what the level forgives.
        case correct
        /// A near miss: one or two letters off, an accent or case the level does not forgive,
        /// a spelling by sound, two words run together.
        case close
        /// Something else was written in its place.
        case wrong
        /// Nothing was written for it.
        case missing
        /// Written, but not in the expected text.
        case extra
    }

    /// The expected word's index among its segment's words; nil for an extra word.
    public var word: Int?
    /// The expected word, as in the transcript; nil for an extra word.
    public var expected: String?
    /// What was written for it; nil when missing.
    public var written: String?
    /// The verdict.
    public var mark: Mark
    /// For `close`: what was wrong. For `correct`: what was forgiven. Empty otherwise.
    public var differences: [WordDifference]

    public init(word: Int?, expected: String?, written: String?, mark: Mark, differences: [WordDifference] = []) {
        self.word = word
        self.expected = expected
        self.written = written
        self.mark = mark
        self.differences = differences
    }
}
