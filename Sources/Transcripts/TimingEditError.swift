/// Why a timing edit was refused; the transcript is left unchanged.
public enum TimingEditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transcript already broke its invariants before the edit (one problem quoted).
    case invalidTranscript(String)
    /// The recording's length is not a positive number of milliseconds.
    case invalidRecordingDuration(Int)
    case noSuchWord(WordPosition)
    case noSuchSegment(Int)
    /// The boundary belongs to a word or segment that has no times yet (tap it first).
    case untimed(TimingBoundary)
    /// More taps than words from the first tapped word on.
    case tooManyTaps(taps: Int, words: Int)
    /// Tap number `index` (0-based) is not after the one before it.
    case tapsOutOfOrder(index: Int)
    /// Tap number `index` is before 0 or not before the recording's end.
    case tapOutOfRange(index: Int, ms: Int)

    public var description: String {
        switch self {
        case .invalidTranscript(let problem): "the transcript's timings are inconsistent: \(problem)"
        case .invalidRecordingDuration(let ms): "the recording's length (\(ms) ms) is not positive"
        case .noSuchWord(let position): "there is no word \(position.word + 1) in segment \(position.segment + 1)"
        case .noSuchSegment(let index): "there is no segment \(index + 1)"
        case .untimed: "that word or segment has no times yet"
        case .tooManyTaps(let taps, let words): "\(taps) taps for \(words) words"
        case .tapsOutOfOrder(let index): "tap \(index + 1) is not after tap \(index)"
        case .tapOutOfRange(let index, let ms): "tap \(index + 1) at \(ms) ms is outside the recording"
        }
    }
}
