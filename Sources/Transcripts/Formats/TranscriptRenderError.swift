/// Why a transcript cannot be written in a timed format (WebVTT, SRT, TextGrid, EAF): every cue or
/// interval there needs times. The API answers it as a `409` (time the transcript first).
public enum TranscriptRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Segment `index` (0-based) has no start and end.
    case untimedSegment(index: Int)
    /// The transcript's timings are inconsistent (one problem quoted).
    case invalidTranscript(String)

    public var description: String {
        switch self {
        case .untimedSegment(let index): "segment \(index + 1) has no times yet; time the transcript first"
        case .invalidTranscript(let problem): "the transcript's timings are inconsistent: \(problem)"
        }
    }
}
