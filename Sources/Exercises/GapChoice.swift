/// The tile a learner put in one gap of a gap-fill.
public struct GapChoice: Sendable, Equatable, Hashable, Codable {
    /// The hidden word's index among its segment's words.
    public var word: Int
    /// The chosen tile's text; nil when the gap was left empty.
    public var text: String?

    public init(word: Int, text: String?) {
        self.word = word
        self.text = text
    }
}
