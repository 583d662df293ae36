/// A written word taken apart for comparison: its letters, and where apostrophes, hyphens and
/// spaces stood between them.
///
/// Keeping the joins apart from the letters lets scoring say *what* differs: `peut être` for
/// `peut-être` has the same letters and a space for a hyphen (forgiven at level 1), `ademain` for
/// `à demain` has the same letters run together (never forgiven).
struct WordSkeleton: Sendable, Equatable {
    /// A join between two letters.
    enum Join: Equatable {
        case apostrophe(Character)
        case hyphen
        case space

        /// When several join characters stand together (`l' école`), the strongest one counts.
        var strength: Int {
            switch self {
            case .apostrophe: 3
            case .hyphen: 2
            case .space: 1
            }
        }
    }

    /// The characters that are not joins, as written.
    let letters: String
    /// The letters lowercased.
    let lowered: String
    /// The letters without diacritics, case kept.
    let accentless: String
    /// The letters lowercased and without diacritics: what near misses are measured on.
    let folded: String
    /// The joins, keyed by how many folded letters come before them.
    let joins: [Int: Join]
    /// `folded` as characters, for edit distances.
    let foldedCharacters: [Character]
    /// The value of a number written in digits (any script), thousands spaces allowed.
    let digitsValue: Int?
    /// The sound key (``SoundKey``), when the scorer has worked it out once for this word.
    var sound: String?

    init(_ text: String) {
        var letters = "", joins: [Int: Join] = [:], foldedCount = 0
        let digitsOnly = text.contains { $0.isNumber } && text.allSatisfy { $0.isDecimalDigit || $0.isWhitespace }
        for character in text where !WordFolding.isIgnorable(character) {
            let join: Join? = WordFolding.isApostrophe(character) ? .apostrophe(character)
                : WordFolding.isHyphen(character) ? .hyphen : character.isWhitespace ? .space : nil
            guard let join else {
                letters.append(character)
                foldedCount += WordFolding.accentFolded(String(character).lowercased()).count
                continue
            }
            // Spaces between thousands groups are not joins: `1 200` is `1200`.
            if digitsOnly { continue }
            if foldedCount > 0, (joins[foldedCount]?.strength ?? 0) < join.strength { joins[foldedCount] = join }
        }
        // A join after the last letter joins nothing.
        joins[foldedCount] = nil
        self.init(letters: letters, joins: joins, digits: digitsOnly)
    }

    private init(letters: String, joins: [Int: Join], digits: Bool) {
        var value: Int?
        if digits, letters.count <= 15 {
            value = letters.reduce(0) { $0 * 10 + ($1.wholeNumberValue ?? 0) }
        }
        self.digitsValue = value
        self.letters = value.map(String.init) ?? letters
        self.lowered = self.letters.lowercased()
        self.accentless = WordFolding.accentFolded(self.letters)
        self.folded = WordFolding.accentFolded(lowered)
        self.foldedCharacters = Array(folded)
        self.joins = joins
    }

    /// Two words read as one, with a space between: how a split or merged answer is compared.
    static func joined(_ first: WordSkeleton, _ second: WordSkeleton) -> WordSkeleton {
        let offset = first.folded.count
        var joins = first.joins
        joins[offset] = .space
        for (position, join) in second.joins { joins[position + offset] = join }
        return WordSkeleton(letters: first.letters + second.letters, joins: joins, digits: false)
    }
}
