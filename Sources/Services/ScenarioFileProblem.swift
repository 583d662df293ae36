import ScenarioFormat
import Transcripts

/// A problem in one file of the scenarios folder, as the log, `GET /api/scenarios/problems` and
/// `parlons scenarios check` report it.
public struct ScenarioFileProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The file name inside the folder (`chez-le-medecin.md`).
    public let file: String
    public let line: Int
    public let reason: String

    public init(file: String, problem: ScenarioProblem) {
        self.file = file
        self.line = problem.line
        self.reason = problem.reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
