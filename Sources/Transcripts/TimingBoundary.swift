/// One boundary a trainer can drag on the timeline.
public enum TimingBoundary: Sendable, Equatable, Hashable {
    case wordStart(WordPosition)
    case wordEnd(WordPosition)
    case segmentStart(Int)
    case segmentEnd(Int)
}
