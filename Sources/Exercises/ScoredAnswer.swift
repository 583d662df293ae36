/// An answer's per-word marks and its score.
///
/// The score, 0 to 100, is `(correct + ½ close) / (expected words + ½ extra words)`, rounded:
/// a near miss earns half a word, and each extra word costs half a word, so writing more than
/// was said never raises a score.
public struct ScoredAnswer: Sendable, Equatable, Hashable, Codable {
    /// One mark per expected word, in order, with the extra words where they were written.
    public var marks: [WordMark]
    /// 0 to 100.
    public var score: Int

    public init(marks: [WordMark]) {
        self.marks = marks
        self.score = Self.score(of: marks)
    }

    /// How many marks of a kind there are.
    public func count(_ mark: WordMark.Mark) -> Int { marks.count(where: { $0.mark == mark }) }

    static func score(of marks: [WordMark]) -> Int {
        let expected = marks.count(where: { $0.mark != .extra })
        let extra = marks.count - expected
        guard expected > 0 else { return extra == 0 ? 100 : 0 }
        let credit = Double(marks.count(where: { $0.mark == .correct })) + 0.5 * Double(marks.count(where: { $0.mark == .close }))
        return Int((100 * credit / (Double(expected) + 0.5 * Double(extra))).rounded())
    }
}
