import Exercises
import Foundation

extension LevelRule {
    /// The progress that recording `attempts` one by one, oldest first (ties by id), would leave:
    /// what ``ProgressStore/record(_:rule:)`` does, replayed. `start` is a level a trainer set by
    /// hand; then only attempts made since count. Nil when there is nothing to replay from.
    public func replay(_ attempts: [Attempt], from start: LearnerProgress?) -> LearnerProgress? {
        let ordered = attempts.filter { start == nil || $0.createdAt >= start!.levelSince }
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        guard let first = ordered.first else { return start }
        var progress = start ?? LearnerProgress(personId: first.personId, recordingId: first.recordingId, step: first.step)
        var made: [Attempt] = []
        for attempt in ordered {
            made.append(attempt)
            let scores = progress.canMoveLevel(attempt) ? made.compactMap { made -> Int? in
                guard made.level == progress.level, made.kind.isScored, made.createdAt >= progress.levelSince else { return nil }
                return made.score
            } : nil
            progress.take(attempt, levelScores: scores, rule: self)
        }
        return progress
    }
}
