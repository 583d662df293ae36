import Exercises
import Transcripts

/// An attempt once stored, with the progress it led to.
public struct RecordedAttempt: Sendable, Equatable {
    /// The attempt as stored.
    public var attempt: Attempt
    /// The learner's progress after it.
    public var progress: LearnerProgress
    /// The level before this attempt (different from `progress.level` when it moved them up).
    public var previousLevel: ExerciseLevel

    public init(attempt: Attempt, progress: LearnerProgress, previousLevel: ExerciseLevel) {
        self.attempt = attempt
        self.progress = progress
        self.previousLevel = previousLevel
    }
}
