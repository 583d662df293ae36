import Exercises

extension LearnerProgress {
    /// Whether `attempt` can move the level: scored, with a score, made at the current level.
    public func canMoveLevel(_ attempt: Attempt) -> Bool {
        attempt.kind.isScored && attempt.score != nil && attempt.level == level
    }

    /// Takes in an attempt just recorded: the level moves where `rule` says when `levelScores` is
    /// given (the scores of the scored attempts at the current level since it began, oldest first,
    /// this one included; asked for only when ``canMoveLevel(_:)``), and the progress is dated
    /// by the attempt either way. Every store and the sync replay apply the rule through this.
    public mutating func take(_ attempt: Attempt, levelScores: [Int]?, rule: LevelRule) {
        if let levelScores {
            let next = rule.level(after: levelScores, at: level)
            if next != level {
                level = next
                levelSince = attempt.createdAt
                setBy = nil
            }
        }
        updatedAt = attempt.createdAt
    }
}
