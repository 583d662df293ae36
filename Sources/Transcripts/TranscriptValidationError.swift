/// A transcript that breaks its invariants, with every problem found.
public struct TranscriptValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Each broken invariant, in plain words.
    public var problems: [String]

    public init(problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "; ") }
}
