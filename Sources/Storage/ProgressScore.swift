import Exercises
import Foundation
import Transcripts

/// A learner's results for one kind of exercise at one level on one recording.
public struct ProgressScore: Sendable, Equatable {
    public var personId: String
    public var recordingId: String
    /// The scenario step, `""` for the recording on its own.
    public var step: String
    public var kind: ExerciseKind
    public var level: ExerciseLevel
    /// The best and the latest score (nil for unscored kinds).
    public var best: Int?
    public var last: Int?
    /// How many attempts, and when the latest was made.
    public var attempts: Int
    public var lastAt: Date

    public init(personId: String, recordingId: String, step: String, kind: ExerciseKind, level: ExerciseLevel, best: Int?, last: Int?,
                attempts: Int, lastAt: Date) {
        self.personId = personId
        self.recordingId = recordingId
        self.step = step
        self.kind = kind
        self.level = level
        self.best = best
        self.last = last
        self.attempts = attempts
        self.lastAt = lastAt
    }
}
