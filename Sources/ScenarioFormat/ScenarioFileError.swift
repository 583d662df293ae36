import Transcripts
/// A scenario file that cannot be loaded, with every problem found in it (first line first).
public struct ScenarioFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [ScenarioProblem]

    public init(problems: [ScenarioProblem]) {
        self.problems = problems.sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
