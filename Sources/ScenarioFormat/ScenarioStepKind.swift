import Exercises
import Transcripts
/// What a scenario step asks of the learner.
public enum ScenarioStepKind: String, Sendable, Codable, CaseIterable {
    /// Hear a prompt recording.
    case listen
    /// Answer a spoken prompt; the answer is a recording linked to the step.
    case record
    /// Hear a recording with its words lit as they are spoken.
    case readAlong = "read-along"
    /// Fill the gaps of a recording's transcript.
    case gapFill = "gap-fill"
    /// Write what a recording says.
    case dictation
    /// Hear a phrase, say it again.
    case `repeat`
    /// A group discussion the trainer leads; not scored.
    case talk

    /// Steps that work on a recording with a timed transcript (an exercise of the exercises API).
    public var needsTimedTranscript: Bool {
        switch self {
        case .readAlong, .gapFill, .dictation, .repeat: return true
        case .listen, .record, .talk: return false
        }
    }

    /// The exercise a step opens, for the steps that are exercises.
    public var exercise: ExerciseKind? {
        switch self {
        case .listen: return .listen
        case .readAlong: return .readAlong
        case .gapFill: return .gapFill
        case .dictation: return .dictation
        case .repeat: return .repeat
        case .record, .talk: return nil
        }
    }
}
