/// A stretch of a recording with its times: a segment or a word.
public protocol TimedSpan {
    var startMs: Int? { get set }
    var endMs: Int? { get set }
    /// Who set the times.
    var origin: TimingOrigin? { get set }
    /// How sure the aligner was (0–1); nil for times a person set.
    var confidence: Double? { get set }
}

extension TimedSpan {
    /// True when the span has a start and an end.
    public var isTimed: Bool { startMs != nil && endMs != nil }

    /// Sets the times (with their origin), or clears them all when `start` or `end` is nil.
    public mutating func setTiming(_ start: Int?, _ end: Int?, origin: TimingOrigin?, confidence: Double? = nil) {
        guard let start, let end else {
            (startMs, endMs, self.origin, self.confidence) = (nil, nil, nil, nil)
            return
        }
        (startMs, endMs, self.origin, self.confidence) = (start, end, origin, confidence)
    }
}
