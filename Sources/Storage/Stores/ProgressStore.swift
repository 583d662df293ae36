import Exercises
import Foundation

/// Learners' attempts at exercises, their levels and scores.
///
/// Concurrency promise: ``record(_:rule:)`` stores the attempt and moves the level in one write,
/// so two attempts at once both count.
public protocol ProgressStore: Sendable {
    /// Stores the attempt and applies the level rule to the learner's progress.
    func record(_ attempt: Attempt, rule: LevelRule) async throws -> RecordedAttempt
    func attempt(id: String) async throws -> Attempt?
    /// The latest attempts of these people, newest first.
    func attempts(personIds: [String], limit: Int) async throws -> [Attempt]
    /// The learner's level on the recording (and step); nil before their first attempt or a
    /// trainer's setting.
    func progress(personId: String, recordingId: String, step: String) async throws -> LearnerProgress?
    func progress(personIds: [String]) async throws -> [LearnerProgress]
    /// A level set by hand (a trainer); the count starts again.
    func setLevel(_ level: ExerciseLevel, personId: String, recordingId: String, step: String, by setter: String,
                  now: Date) async throws -> LearnerProgress
    func scores(personIds: [String]) async throws -> [ProgressScore]
    /// The words these people miss most, folded.
    func missedWords(personIds: [String], limit: Int) async throws -> [MissedWord]
}

extension ProgressStore {
    public func record(_ attempt: Attempt) async throws -> RecordedAttempt { try await record(attempt, rule: .standard) }
    public func progress(personId: String, recordingId: String) async throws -> LearnerProgress? {
        try await progress(personId: personId, recordingId: recordingId, step: "")
    }
    public func setLevel(_ level: ExerciseLevel, personId: String, recordingId: String, step: String = "",
                         by setter: String) async throws -> LearnerProgress {
        try await setLevel(level, personId: personId, recordingId: recordingId, step: step, by: setter, now: Date())
    }
}
