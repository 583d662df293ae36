/// A learner's attempts at one exercise step of a scenario.
public struct ScenarioStepScore: Sendable, Equatable {
    public let stepId: String
    public let attempts: Int
    /// The best score (0–100) among the scored attempts, if any was scored.
    public let bestScore: Int?

    public init(stepId: String, attempts: Int, bestScore: Int?) {
        self.stepId = stepId
        self.attempts = attempts
        self.bestScore = bestScore
    }
}
