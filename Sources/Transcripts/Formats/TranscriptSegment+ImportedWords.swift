extension TranscriptSegment {
    /// Times the segment's words from imported word labels (a word tier), matched in order by their
    /// text, ignoring case and the apostrophe's shape. A label that the tokenizer splits in several
    /// words shares its time among them by length; a label with no matching word is left out, and
    /// a word with no label stays untimed. Times are clipped to the segment's.
    mutating func timeWords(from labels: [TimedLabel], tokenizer: Tokenizer) {
        guard let segmentStart = startMs, let segmentEnd = endMs else { return }
        var next = 0
        for label in labels {
            guard let labelStart = label.startMs, let labelEnd = label.endMs else { continue }
            let pieces = tokenizer.tokens(in: label.text)
            let total = pieces.reduce(0) { $0 + $1.length }
            var done = 0
            for piece in pieces {
                let start = labelStart + (labelEnd - labelStart) * done / max(total, 1)
                done += piece.length
                let end = labelStart + (labelEnd - labelStart) * done / max(total, 1)
                let key = Self.matchKey(piece.text)
                // A bounded look-ahead: a label that matches nothing nearby is dropped, not searched
                // for through the whole segment (which would be quadratic on a hostile file).
                let window = words[next..<min(words.count, next + Self.lookAhead)]
                guard let w = window.firstIndex(where: { Self.matchKey($0.text) == key }) else { continue }
                let (clippedStart, clippedEnd) = (max(start, segmentStart), min(end, segmentEnd))
                guard clippedStart < clippedEnd else { continue }
                words[w].setTiming(clippedStart, clippedEnd, origin: .import)
                next = w + 1
            }
        }
    }

    /// How many words ahead an imported label may match.
    static let lookAhead = 64

    static func matchKey(_ word: String) -> String {
        String(word.lowercased().map { Tokenizer.apostrophes.contains($0) ? "'" : $0 })
    }
}
