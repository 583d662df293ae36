extension Tokenizer {
    /// French elided words that stick to the next word with an apostrophe.
    static let elisions: Set<String> = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu",
    ]

    /// The elided article or pronoun at the start of a French word, apostrophe included: `l'` for
    /// `l'école`, `qu’` for `qu’il`, `jusqu'` for `jusqu'ici`; nil for `aujourd’hui` or `don't`.
    ///
    /// Words keep their elision attached (one timed word, since it cannot be heard alone); this lets
    /// an exercise hide or score the two parts separately.
    public func elidedPrefix(of word: String) -> Substring? {
        guard let apostrophe = word.firstIndex(where: { Self.apostrophes.contains($0) }) else { return nil }
        let head = word[..<apostrophe]
        guard Self.elisions.contains(head.lowercased()), word.index(after: apostrophe) < word.endIndex else { return nil }
        return word[...apostrophe]
    }
}
