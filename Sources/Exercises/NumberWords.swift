/// Numbers written in words, for the languages whose number words are known here (French with
/// its Belgian and Swiss tens, English), so that `21` and `vingt et un` are the same answer.
///
/// Words are compared folded (`Vingt`, `zéro`/`zero`), hyphens split (`vingt-et-un`,
/// `quatre-vingt-dix-sept`, `twenty-one`). Whole numbers only, up to the billions.
public struct NumberWords: Sendable {
    let units: [String: Int]
    let tens: [String: Int]
    let hundreds: Set<String>
    let scales: [String: Int]
    let connectors: Set<String>
    /// French `quatre-vingts`: `vingt` after `quatre` makes eighty.
    let vigesimal: Bool

    /// The number words of `language` (a BCP 47 tag), or nil when they are not known.
    public init?(language: String) {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) {
        case "fr": self = .french
        case "en": self = .english
        default: return nil
        }
    }

    init(units: [String: Int], tens: [String: Int], hundreds: Set<String>, scales: [String: Int], connectors: Set<String>, vigesimal: Bool) {
        self.units = units
        self.tens = tens
        self.hundreds = hundreds
        self.scales = scales
        self.connectors = connectors
        self.vigesimal = vigesimal
    }

    /// True when the word (or each of its hyphenated parts) is a number word of the language.
    public func isNumberWord(_ word: String) -> Bool {
        let parts = Self.parts(of: word)
        guard let first = parts.first, let last = parts.last, isNumberPart(first), isNumberPart(last) else { return false }
        return parts.allSatisfy { isNumberPart($0) || connectors.contains($0) }
    }

    func isNumberPart(_ part: String) -> Bool {
        units[part] != nil || tens[part] != nil || hundreds.contains(part) || scales[part] != nil
    }

    /// The value of consecutive words read as one number (`["vingt", "et", "un"]` → 21), or nil
    /// when they are not a well-formed number.
    public func value(of words: [String]) -> Int? {
        let parts = words.flatMap(Self.parts)
        guard !parts.isEmpty else { return nil }
        var total = 0, current = 0, largestScale = Int.max
        for (index, part) in parts.enumerated() {
            let afterDix = index > 0 && parts[index - 1] == "dix"
            let low = current % 100
            if connectors.contains(part) {
                // `vingt et un`, `one hundred and five`: only between two number words.
                guard index > 0, index < parts.count - 1, !connectors.contains(parts[index - 1]) else { return nil }
                continue
            }
            if let unit = units[part] {
                if unit == 0 { guard parts.count == 1 else { return nil } }
                if unit < 10 {
                    // `vingt-deux`; after `dix` only in French (`dix-sept`, `soixante-dix-neuf`).
                    guard low % 10 == 0, low != 10 || vigesimal, !afterDix || unit >= 7 else { return nil }
                } else {
                    // Teens stand alone in their hundred, or follow soixante/quatre-vingt.
                    guard low == 0 || vigesimal && (low == 60 || low == 80) else { return nil }
                }
                current += unit
            } else if let ten = tens[part] {
                if vigesimal, ten == 20, low == 4, index > 0, units[parts[index - 1]] == 4 {
                    current += 76
                } else {
                    guard low == 0 else { return nil }
                    current += ten
                }
            } else if hundreds.contains(part) {
                guard current < 10 else { return nil }
                current = max(current, 1) * 100
            } else if let scale = scales[part] {
                guard scale < largestScale else { return nil }
                largestScale = scale
                total += max(current, 1) * scale
                current = 0
            } else {
                return nil
            }
        }
        return total + current
    }

    /// Runs of number words in `words`, longest first from each start: `[(1..<4, 21)]` for
    /// `il a vingt et un ans`.
    public func runs(in words: [String]) -> [(range: Range<Int>, value: Int)] {
        var runs: [(range: Range<Int>, value: Int)] = []
        var start = 0
        while start < words.count {
            guard isNumberWord(words[start]) else { start += 1; continue }
            var end = min(words.count, start + 12)
            var found: (Range<Int>, Int)?
            while end > start, found == nil {
                if isNumberWord(words[end - 1]), let value = value(of: Array(words[start..<end])) { found = (start..<end, value) }
                end -= 1
            }
            if let found {
                runs.append(found)
                start = found.0.upperBound
            } else {
                start += 1
            }
        }
        return runs
    }

    /// A word's parts for number reading: folded and split at hyphens.
    static func parts(of word: String) -> [String] {
        word.split(whereSeparator: WordFolding.isHyphen).map { WordFolding.key($0) }.filter { !$0.isEmpty }
    }

    static let french = NumberWords(
        units: ["zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
                "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16],
        tens: ["vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
               "septante": 70, "huitante": 80, "octante": 80, "nonante": 90],
        hundreds: ["cent", "cents"],
        scales: ["mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000],
        connectors: ["et"], vigesimal: true)

    static let english = NumberWords(
        units: ["zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19],
        tens: ["twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90],
        hundreds: ["hundred"],
        scales: ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000],
        connectors: ["and"], vigesimal: false)
}
