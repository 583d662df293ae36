/// One spoken word of a segment: the unit a learner taps to hear, that lights up while it is said.
///
/// `offset` and `length` locate the word in its segment's `text` in UTF-16 code units (what
/// JavaScript's `String.prototype.slice` counts), so a client can light up the word while keeping
/// the punctuation and spaces around it exactly as typed.
///
/// A word is either untimed (`startMs`, `endMs`, `origin` and `confidence` all nil) or timed
/// (`startMs < endMs`, an origin, and a confidence only when the origin is `auto`).
public struct TranscriptWord: Sendable, Equatable, Hashable, Codable, TimedSpan {
    /// The word as written, e.g. `l'école`, `peut-être`, `1 200`. Never contains punctuation
    /// around it.
    public var text: String
    /// Where the word starts in its segment's text, in UTF-16 code units.
    public var offset: Int
    /// The word's length in UTF-16 code units.
    public var length: Int
    /// When the word starts, in milliseconds from the start of the recording.
    public var startMs: Int?
    /// When the word ends, in milliseconds from the start of the recording.
    public var endMs: Int?
    /// Where the times came from; nil while untimed.
    public var origin: TimingOrigin?
    /// How sure an aligner was of the times, 0 to 1; nil unless `origin` is `auto`.
    public var confidence: Double?

    public init(text: String, offset: Int, length: Int, startMs: Int? = nil, endMs: Int? = nil,
                origin: TimingOrigin? = nil, confidence: Double? = nil) {
        self.text = text
        self.offset = offset
        self.length = length
        self.startMs = startMs
        self.endMs = endMs
        self.origin = origin
        self.confidence = confidence
    }
}
