/// Character-level distances between words, for near misses and for picking distractors.
public enum EditDistance {
    /// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbouring letters (`cihen` for `chien` is one edit, as a writer would see it).
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// 1 for equal words, 0 for words with nothing in common: `1 − distance / longer length`.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let a = Array(a), b = Array(b)
        let longer = max(a.count, b.count)
        guard longer > 0 else { return 1 }
        return 1 - Double(distance(a, b)) / Double(longer)
    }

    /// How many edits still make a near miss of a word this long: none for one or two letters
    /// (`le`/`la` are different words), one up to five letters, two beyond.
    public static func allowedEdits(forLength length: Int) -> Int {
        switch length {
        case ...2: 0
        case 3...5: 1
        default: 2
        }
    }
}
