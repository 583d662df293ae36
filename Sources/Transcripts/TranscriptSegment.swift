/// A phrase of a transcript: a line or sentence, shown as a unit and played as a unit.
///
/// Its `text` is what is displayed, punctuation included; `words` are the spoken words in it, each
/// pointing into `text`. Times follow the same rules as a word's: all nil, or `startMs < endMs` with
/// an origin. When any word is timed, the segment is timed and contains its timed words.
public struct TranscriptSegment: Sendable, Equatable, Hashable, Codable, TimedSpan {
    /// The phrase as displayed, punctuation included, on one line.
    public var text: String
    /// When the phrase starts, in milliseconds from the start of the recording.
    public var startMs: Int?
    /// When the phrase ends, in milliseconds from the start of the recording.
    public var endMs: Int?
    /// Where the times came from; nil while untimed.
    public var origin: TimingOrigin?
    /// How sure an aligner was of the times, 0 to 1; nil unless `origin` is `auto`.
    public var confidence: Double?
    /// The spoken words, in order, each located in `text`.
    public var words: [TranscriptWord]

    public init(text: String, startMs: Int? = nil, endMs: Int? = nil, origin: TimingOrigin? = nil,
                confidence: Double? = nil, words: [TranscriptWord]) {
        self.text = text
        self.startMs = startMs
        self.endMs = endMs
        self.origin = origin
        self.confidence = confidence
        self.words = words
    }

    /// A segment of `text` with its words found by `tokenizer`, untimed unless times are given.
    public init(text: String, startMs: Int? = nil, endMs: Int? = nil, origin: TimingOrigin? = nil,
                tokenizer: Tokenizer = Tokenizer()) {
        let words = tokenizer.tokens(in: text).map { TranscriptWord(text: $0.text, offset: $0.offset, length: $0.length) }
        self.init(text: text, startMs: startMs, endMs: endMs, origin: startMs == nil ? nil : origin, words: words)
    }
}
