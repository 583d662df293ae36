import Hummingbird
import Services
import Storage

/// `GET /api/scenarios/problems`: what was wrong with the shipped files at start-up, and the
/// files that changed on disk after trainers edited their scenario (with the file's text).
struct ScenarioProblemsResponse: ResponseEncodable {
    struct Conflict: Encodable {
        let slug: String
        let file: String
        let currentRevision: Int
        let detectedAt: String
        let fileBody: String
    }

    let problems: [ScenarioFileProblem]
    let conflicts: [Conflict]
}
