/// Finds the spoken words of a text, in any script, leaving punctuation for display only.
///
/// Rules, chosen for learners reading along and tapping words:
/// - A word is a run of letters, digits and combining marks (so Latin with diacritics, Arabic with
///   its vowel marks, Cyrillic, Devanagari… all work the same), with ZWJ/ZWNJ kept inside words.
/// - An apostrophe (`'`, `’`, `ʼ`) between two letters stays inside the word: `l'école`,
///   `aujourd’hui`, `don't`, `qu'il` are one word each. An elided article or pronoun cannot be
///   heard on its own (`l'école` is said /lekɔl/), so tapping it plays both parts; a gap-fill that
///   wants to hide only `école` uses ``elidedPrefix(of:)``.
/// - A hyphen between two letters or digits joins: `peut-être`, `grand-mère`, `dit-il`, `COVID-19`.
/// - Numbers are one word each, as they are said in one breath: `3,5`, `3.5`, `12h30`, `10:30`,
///   `1er`, `12/03/2024`, and thousands groups `1 200` / `1 200` (a narrow or no-break space always
///   joins digit groups; an ordinary space joins only a group of 1–3 digits to following groups of
///   exactly 3).
/// - Ideographs (Han, kana) are one word each, since those scripts do not separate words by spaces.
/// - Everything else (spaces, punctuation, symbols, emoji) is display only and never timed.
public struct Tokenizer: Sendable {
    public init() {}

    /// A word found in a text.
    public struct Token: Sendable, Equatable, Hashable {
        /// The word as written.
        public var text: String
        /// Where it starts in the text, in UTF-16 code units.
        public var offset: Int
        /// Its length in UTF-16 code units.
        public var length: Int

        public init(text: String, offset: Int, length: Int) {
            self.text = text
            self.offset = offset
            self.length = length
        }
    }

    /// The words of `text`, in order.
    public func tokens(in text: String) -> [Token] {
        // Characters (grapheme clusters) keep a base letter and its combining accents together.
        let characters = Array(text)
        var offsets: [Int] = []
        offsets.reserveCapacity(characters.count + 1)
        var offset = 0
        for character in characters {
            offsets.append(offset)
            offset += character.utf16.count
        }
        offsets.append(offset)

        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            guard Self.isWordCharacter(characters[index]) else { index += 1; continue }
            let start = index
            if Self.isIdeograph(characters[index]) {
                index += 1
            } else {
                index = wordEnd(characters, from: index)
            }
            let word = String(characters[start..<index])
            tokens.append(Token(text: word, offset: offsets[start], length: offsets[index] - offsets[start]))
        }
        return tokens
    }

    /// The index just past the word that starts at `start`.
    private func wordEnd(_ characters: [Character], from start: Int) -> Int {
        var index = start
        while index < characters.count {
            let character = characters[index]
            if Self.isWordCharacter(character) && !Self.isIdeograph(character) {
                index += 1
                continue
            }
            let previous = index > start ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            guard let previous, let next, Self.isWordCharacter(next), !Self.isIdeograph(next) else { break }
            if Self.apostrophes.contains(character) && previous.isLetter && next.isLetter { index += 1; continue }
            if Self.hyphens.contains(character) { index += 1; continue }
            if Self.numberSeparators.contains(character) && previous.isNumber && next.isNumber { index += 1; continue }
            if let groupEnd = digitGroupEnd(characters, start: start, at: index) { index = groupEnd; continue }
            break
        }
        return index
    }

    /// When `characters[index]` is a space between thousands groups of the number that started at
    /// `start`, the index past the next group.
    private func digitGroupEnd(_ characters: [Character], start: Int, at index: Int) -> Int? {
        let separator = characters[index]
        let always = Self.groupSpaces.contains(separator)
        guard always || separator == " " else { return nil }
        // The digits just before the separator, back to the previous separator or the word start.
        var groupStart = index
        while groupStart > start, characters[groupStart - 1].isDecimalDigit { groupStart -= 1 }
        let before = index - groupStart
        guard before >= 1 else { return nil }
        let wholeWordIsDigitGroups = characters[start..<index].allSatisfy { $0.isDecimalDigit || $0 == separator }
        guard wholeWordIsDigitGroups else { return nil }
        var after = index + 1
        while after < characters.count, characters[after].isDecimalDigit { after += 1 }
        let count = after - index - 1
        guard count >= 1 else { return nil }
        if always { return after }
        // An ordinary space is ambiguous (`page 12 345`), so only the strict 1–3 then 3 shape joins,
        // and a following letter (`3 200km`) or a fourth digit spoils it.
        let firstGroupLength = characters[start..<index].split(separator: separator).first?.count ?? 0
        guard count == 3, firstGroupLength <= 3, before <= 3 else { return nil }
        if after < characters.count, characters[after].isLetter || characters[after].isNumber { return nil }
        return after
    }

    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{02BC}"]
    static let hyphens: Set<Character> = ["-", "\u{2010}", "\u{2011}"]
    static let numberSeparators: Set<Character> = [".", ",", ":", "/", "\u{066B}", "\u{066C}"]
    /// No-break space, narrow no-break space (French typography), thin space.
    static let groupSpaces: Set<Character> = ["\u{00A0}", "\u{202F}", "\u{2009}"]

    static func isWordCharacter(_ character: Character) -> Bool {
        if character.isLetter || character.isNumber { return true }
        // A lone combining mark (after a space, or on its own) still belongs to writing.
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isIdeograph(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        if scalar.properties.isIdeographic { return true }
        // Hiragana and Katakana.
        return (0x3040...0x30FF).contains(scalar.value)
    }
}

extension Character {
    /// A decimal digit of any script (`0`–`9`, Arabic-Indic `٠`–`٩`, …).
    public var isDecimalDigit: Bool {
        unicodeScalars.count == 1 && unicodeScalars.first!.properties.numericType == .decimal
    }
}
