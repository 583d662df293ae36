/// Cuts typed text into segments (phrases): one or more per line, a new one after each sentence end.
///
/// A sentence ends at `.`, `!`, `?`, `…` (or `...`), `؟` (Arabic), `۔` (Urdu), `।` (Devanagari),
/// `。`, and the closing quotes or brackets right after it, when a space or the end of the line
/// follows. A full stop does not end a sentence after a known abbreviation (`M.`, `Mme.`, `Dr.`,
/// `etc.` followed by a lower-case word…), after a single letter (an initial: `J. Dupont`), or
/// inside a number (`3.5`); a full stop or ellipsis followed by a lower-case word does not either.
public struct SegmentSplitter: Sendable {
    /// Words (without their full stop) after which a full stop does not end a sentence.
    public var abbreviations: Set<String>

    public init(abbreviations: Set<String> = SegmentSplitter.defaultAbbreviations) {
        self.abbreviations = abbreviations
    }

    /// French and English titles and abbreviations that are followed by a capitalised name.
    public static let defaultAbbreviations: Set<String> = [
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "St", "Ste", "Mgr",
        "Mr", "Mrs", "Ms", "Prof", "Jr", "Sr", "av", "bd", "cf", "ex", "p", "pp", "vol", "env", "tél", "Tél",
        "vs", "No", "no", "art", "ch", "fig", "éd", "Mt",
    ]

    static let enders: Set<Character> = ["!", "?", "…", "\u{061F}", "\u{06D4}", "\u{0964}", "\u{3002}", "\u{203C}", "\u{2047}", "\u{2048}", "\u{2049}", "\u{FF01}", "\u{FF1F}"]
    static let closers: Set<Character> = ["\"", "'", "\u{00BB}", "\u{201D}", "\u{2019}", ")", "]", "}", "\u{203A}"]

    /// The segments of `text`, trimmed, with empty lines dropped.
    public func segments(of text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { sentences(of: Array($0)) }
    }

    private func sentences(of line: [Character]) -> [String] {
        var result: [String] = []
        var start = 0
        var index = 0
        while index < line.count {
            let character = line[index]
            guard character == "." || Self.enders.contains(character) else { index += 1; continue }
            // The whole run of end punctuation (`?!`, `...`), then closing quotes and brackets.
            var end = index
            while end < line.count, line[end] == "." || Self.enders.contains(line[end]) { end += 1 }
            while end < line.count, Self.closers.contains(line[end]) { end += 1 }
            // French sets its closing guillemet apart with a (no-break) space: `Viens ! »`.
            var spaced = end
            while spaced < line.count, line[spaced].isWhitespace { spaced += 1 }
            if spaced < line.count, spaced > end, line[spaced] == "\u{00BB}" || line[spaced] == "\u{203A}" { end = spaced + 1 }
            let atLineEnd = end == line.count
            if (atLineEnd || line[end].isWhitespace) && endsSentence(line, punctuation: index, runEnd: end) {
                appendTrimmed(line[start..<end], to: &result)
                start = end
            }
            index = end
        }
        appendTrimmed(line[start...], to: &result)
        return result
    }

    private func endsSentence(_ line: [Character], punctuation index: Int, runEnd: Int) -> Bool {
        let run = line[index..<runEnd]
        let onlyDots = run.allSatisfy { $0 == "." || $0 == "…" || Self.closers.contains($0) }
        guard onlyDots else { return true }  // `!`, `?` and the others always end a sentence
        let next = line[runEnd...].first { !$0.isWhitespace }
        if let next, next.isLowercase { return false }
        guard line[index] == ".", index + 1 == runEnd || !run.dropFirst().contains(".") else { return true }
        // The word right before a single full stop: an abbreviation or an initial does not end.
        var wordStart = index
        while wordStart > 0, line[wordStart - 1].isLetter { wordStart -= 1 }
        let word = String(line[wordStart..<index])
        if word.isEmpty { return true }
        if word.count == 1 && word.first!.isUppercase && next != nil { return false }
        return !(abbreviations.contains(word) && next != nil)
    }

    private func appendTrimmed(_ characters: ArraySlice<Character>, to result: inout [String]) {
        let text = String(characters).trimmingWhitespace()
        if !text.isEmpty { result.append(text) }
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (Unicode-aware, no Foundation).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
