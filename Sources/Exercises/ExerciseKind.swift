/// The five steps of the learning path, each an exercise made from one timed transcript.
public enum ExerciseKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// The recording with its picture: nothing to answer.
    case listen
    /// The text, each word lit as it is said and playable on its own.
    case readAlong = "read-along"
    /// A phrase with words hidden; the learner picks the right tile for each gap.
    case gapFill = "gap-fill"
    /// A phrase is played; the learner types what they hear.
    case dictation
    /// A phrase is played; the learner records their own try.
    case `repeat`

    /// True for the kinds whose answers are scored automatically (and so move a learner up).
    public var isScored: Bool { self == .gapFill || self == .dictation }

    /// True for the kinds that work on one phrase at a time.
    public var isPerSegment: Bool { self == .gapFill || self == .dictation || self == .repeat }

    /// True for the kinds that need the transcript: all but listening.
    public var needsTranscript: Bool { self != .listen }
}
