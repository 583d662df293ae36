/// When a learner moves up a level on a recording: two scored attempts (gap-fill or dictation)
/// of 80 or more at their current level, made since they reached it, unlock the next level, up
/// to level 3. Attempts at other levels, and unscored kinds (listen, read-along, repeat), never
/// move anyone; a trainer may set any level by hand, and the count starts again from there.
public struct LevelRule: Sendable, Equatable {
    /// The score an attempt needs to count, 0–100.
    public var passingScore: Int
    /// How many such attempts unlock the next level.
    public var passesNeeded: Int

    public init(passingScore: Int = 80, passesNeeded: Int = 2) {
        self.passingScore = passingScore
        self.passesNeeded = passesNeeded
    }

    /// The rule Parlons applies.
    public static let standard = LevelRule()

    /// The level after the latest attempt, given the scores of the scored attempts made at
    /// `current` since the learner reached it (the latest included).
    public func level(after scores: [Int], at current: ExerciseLevel) -> ExerciseLevel {
        guard let next = current.next, scores.count(where: { $0 >= passingScore }) >= passesNeeded else { return current }
        return next
    }

    /// The rule in a sentence, as the API states it.
    public var summary: String {
        "\(passesNeeded) gap-fill or dictation attempts scoring \(passingScore) or more at your level unlock the next level"
    }
}
