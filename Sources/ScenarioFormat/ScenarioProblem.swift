import Transcripts
/// Something wrong in a scenario file, where it is and why, in words a trainer can act on.
public struct ScenarioProblem: Sendable, Hashable, Codable, CustomStringConvertible, Error {
    /// 1-based line in the file.
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
