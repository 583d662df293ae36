import Hummingbird
import Services
import Storage

/// `GET /api/scenarios/problems`: what was wrong with the shipped files at start-up, and the
/// files that changed on disk after trainers edited their scenario (with the file's text), and the
/// scenarios saved apart here and on a paired server (with the other server's text).
struct ScenarioProblemsResponse: ResponseEncodable {
    struct Conflict: Encodable {
        let slug: String
        let file: String
        let currentRevision: Int
        let detectedAt: String
        let fileBody: String
        /// True when two trainers saved the scenario apart (here and on the paired server), not a
        /// shipped file that changed: the screens say which.
        let fromSync: Bool
    }

    let problems: [ScenarioFileProblem]
    let conflicts: [Conflict]
}
