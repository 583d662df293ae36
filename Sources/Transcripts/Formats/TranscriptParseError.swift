/// Why an imported file could not be read: the 1-based line where it went wrong, and what was
/// wrong, in words a trainer can act on. The API answers it as a `400`.
public struct TranscriptParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line (1-based) where the problem was found.
    public var line: Int
    /// What is wrong there.
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
