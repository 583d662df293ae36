/// How demanding an exercise is, from 1 (first steps in writing) to 3 (exact spelling).
///
/// The level decides how many gaps a gap-fill hides and how many tiles it offers, and what a
/// dictation forgives (see ``WordDifference/isForgiven(at:)``).
public enum ExerciseLevel: Int, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    /// Forgives case, accents, apostrophes and hyphens; one gap per phrase.
    case beginner = 1
    /// Forgives case and the shape of apostrophes; about half the content words hidden.
    case intermediate = 2
    /// Exact, punctuation included; most content words hidden.
    case advanced = 3

    public static func < (a: ExerciseLevel, b: ExerciseLevel) -> Bool { a.rawValue < b.rawValue }

    /// The next level up, or nil at the top.
    public var next: ExerciseLevel? { ExerciseLevel(rawValue: rawValue + 1) }
}
