/// Where a word is: its segment's index, and its index among that segment's words.
public struct WordPosition: Sendable, Equatable, Hashable, Codable, Comparable {
    /// The segment's index in the transcript.
    public var segment: Int
    /// The word's index in its segment.
    public var word: Int

    public init(segment: Int, word: Int) {
        self.segment = segment
        self.word = word
    }

    public static func < (a: WordPosition, b: WordPosition) -> Bool {
        (a.segment, a.word) < (b.segment, b.word)
    }
}
