import ScenarioFormat
import Storage
import Transcripts

/// How far one person got in a scenario: steps marked done, answers recorded, exercise attempts.
struct ScenarioProgress: Sendable {
    struct Step: Sendable {
        var completed = false
        var answer: String?
        var attempts = 0
        var bestScore: Int?
    }

    var steps: [String: Step] = [:]

    init(done: [ScenarioStepDone], scores: [ScenarioStepScore]) {
        for row in done {
            steps[row.stepId, default: Step()].completed = true
            steps[row.stepId, default: Step()].answer = row.recordingId
        }
        for score in scores {
            steps[score.stepId, default: Step()].completed = true
            steps[score.stepId, default: Step()].attempts = score.attempts
            steps[score.stepId, default: Step()].bestScore = score.bestScore
        }
    }

    /// The summary a player resumes from: steps done and the first step not done.
    func summary(of scenario: Scenario) -> ScenarioProgressResponse {
        let done = scenario.steps.count { steps[$0.id]?.completed == true }
        let next = scenario.steps.first { steps[$0.id]?.completed != true }?.id
        return ScenarioProgressResponse(done: done, total: scenario.steps.count, next: next)
    }
}

/// Steps done out of all, and where to resume (nil when all are done).
struct ScenarioProgressResponse: Codable, Sendable {
    let done: Int
    let total: Int
    let next: String?
}
