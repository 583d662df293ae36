import Exercises
import Foundation
import Transcripts

/// One answer a learner gave to an exercise: who, on what, at which level, what they answered,
/// how each word was marked, the score, and when.
public struct Attempt: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    /// Who answered.
    public var personId: String
    /// The recording the exercise was made from.
    public var recordingId: String
    /// The scenario step the exercise belonged to, `""` for the recording on its own.
    public var step: String
    /// The transcript's language.
    public var language: String
    /// The transcript revision the answer was scored against (nil for listening).
    public var revision: Int?
    /// Which exercise.
    public var kind: ExerciseKind
    /// The segment practised (nil for the whole recording).
    public var segment: Int?
    /// The level it was made and scored at.
    public var level: ExerciseLevel
    /// What the learner answered, as they sent it.
    public var answer: AttemptAnswer
    /// One mark per expected word, extra words in between; empty for unscored kinds.
    public var marks: [WordMark]
    /// 0–100 for gap-fills and dictations; nil for the rest.
    public var score: Int?
    /// The learner's own recording, for `repeat` (nil once withdrawn).
    public var tryRecordingId: String?
    /// When it was made (milliseconds kept).
    public var createdAt: Date

    public init(id: String = ResourceID.generate(), personId: String, recordingId: String, step: String = "", language: String,
                revision: Int?, kind: ExerciseKind, segment: Int?, level: ExerciseLevel, answer: AttemptAnswer, marks: [WordMark] = [],
                score: Int? = nil, tryRecordingId: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.personId = personId
        self.recordingId = recordingId
        self.step = step
        self.language = language
        self.revision = revision
        self.kind = kind
        self.segment = segment
        self.level = level
        self.answer = answer
        self.marks = marks
        self.score = score
        self.tryRecordingId = tryRecordingId
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
    }
}

