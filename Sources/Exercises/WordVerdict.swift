/// The judgement on one written word against one expected word.
struct WordVerdict: Sendable, Equatable {
    /// `correct`, `close` or `wrong`.
    var mark: WordMark.Mark
    /// For `close`, what the level does not forgive; for `correct`, what it forgave.
    var differences: [WordDifference]
    /// How alike the letters are, 0 to 1 (guides the alignment towards look-alike pairs).
    var similarity: Double

    /// What the alignment pays for pairing the two words: nothing for a right word, a little for
    /// a near miss, most of a missing word for a wrong one (less the more alike they look).
    var cost: Double {
        switch mark {
        case .correct: 0
        case .close: 0.35
        default: 0.7 + 0.3 * (1 - similarity)
        }
    }

    /// Judges `written` against `expected` at `level`.
    ///
    /// Same letters once case and accents are folded → the differences in letters and joins,
    /// each forgiven or not by the level. Otherwise a near miss when one or two letters are off
    /// (by length) or when both sound alike, and wrong beyond.
    static func judge(_ expected: WordSkeleton, _ written: WordSkeleton, level: ExerciseLevel, language: String) -> WordVerdict {
        if let a = expected.digitsValue, let b = written.digitsValue {
            return a == b ? WordVerdict(mark: .correct, differences: [], similarity: 1) : WordVerdict(mark: .wrong, differences: [], similarity: 0)
        }
        guard expected.folded == written.folded else { return nearMiss(expected, written, language: language) }
        var differences: [WordDifference] = []
        if expected.accentless != written.accentless { differences.append(.case) }
        if expected.lowered != written.lowered { differences.append(.accents) }
        for position in Set(expected.joins.keys).union(written.joins.keys).sorted() {
            if let difference = joinDifference(expected.joins[position], written.joins[position]), !differences.contains(difference) {
                differences.append(difference)
            }
        }
        let unforgiven = differences.filter { !$0.isForgiven(at: level) }
        if unforgiven.isEmpty { return WordVerdict(mark: .correct, differences: differences, similarity: 1) }
        return WordVerdict(mark: .close, differences: unforgiven, similarity: 1)
    }

    static func joinDifference(_ expected: WordSkeleton.Join?, _ written: WordSkeleton.Join?) -> WordDifference? {
        switch (expected, written) {
        case let (a, b) where a == b: nil
        case (.apostrophe?, .apostrophe?): .apostropheStyle
        case (.apostrophe?, _), (_, .apostrophe?): .apostrophe
        case (.hyphen?, _), (_, .hyphen?): .hyphen
        case (.space?, nil): .merged
        default: .split
        }
    }

    static func nearMiss(_ expected: WordSkeleton, _ written: WordSkeleton, language: String) -> WordVerdict {
        let a = expected.foldedCharacters, b = written.foldedCharacters
        let longer = max(a.count, b.count)
        guard longer > 0, !b.isEmpty else { return WordVerdict(mark: .wrong, differences: [], similarity: 0) }
        let distance = EditDistance.distance(a, b)
        let similarity = 1 - Double(distance) / Double(longer)
        // Numbers are right or wrong: 12 is not a near miss of 21.
        if expected.digitsValue != nil || written.digitsValue != nil {
            return WordVerdict(mark: .wrong, differences: [], similarity: similarity)
        }
        if distance <= EditDistance.allowedEdits(forLength: longer) {
            return WordVerdict(mark: .close, differences: [.spelling], similarity: similarity)
        }
        // By sound only from three letters expected and two written (`bo` for `beau`, never `le`/`la`),
        // and for words of about the same length (which also spares the work on unlike pairs).
        if a.count >= 3, b.count >= 2, abs(a.count - b.count) <= 3,
           let key = expected.sound ?? SoundKey.key(expected.lowered, language: language), !key.isEmpty,
           key == written.sound ?? SoundKey.key(written.lowered, language: language) {
            return WordVerdict(mark: .close, differences: [.sound], similarity: similarity)
        }
        return WordVerdict(mark: .wrong, differences: [], similarity: similarity)
    }
}
