import Foundation

/// The foldings that scoring and distractor choice compare words under.
///
/// Accents are removed only where they are diacritics on a letter (Latin, Greek and Cyrillic
/// combining marks, Arabic harakat and hamza seats, Hebrew points), never the vowel signs of
/// Indic scripts, which are letters in their own right.
public enum WordFolding {
    /// Apostrophe shapes people type: straight, typographic, modifier letter, backtick, acute, prime.
    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}", "\u{2032}"]
    /// Hyphen shapes inside words (the en dash typed for a hyphen included).
    static let hyphens: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}"]
    /// Letters whose accent-free form is longer or not a decomposition.
    static let ligatures: [Character: String] = [
        "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        // Arabic: alef wasla and alef maqsura are written for alef and ya by many.
        "\u{0671}": "\u{0627}", "\u{0649}": "\u{064A}",
    ]

    /// True for any apostrophe shape (`'`, `’`, `ʼ`…).
    public static func isApostrophe(_ character: Character) -> Bool { apostrophes.contains(character) }
    /// True for any hyphen shape (`-`, `‐`, `‑`, and the dashes typed for one).
    public static func isHyphen(_ character: Character) -> Bool { hyphens.contains(character) }

    /// The word without case, accents, apostrophes or hyphens: `L’École` and `lecole` give
    /// `lecole`. What "the same word" means for homographs and for counting missed words.
    public static func key(_ word: some StringProtocol) -> String {
        String(accentFolded(String(word).lowercased()).filter { !isApostrophe($0) && !isHyphen($0) && !$0.isWhitespace })
    }

    /// The word with its diacritics removed (`école` → `ecole`, `أكل` → `اكل`, `всё` → `все`).
    public static func accentFolded(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for character in word {
            if let replacement = ligatures[character] {
                scalars.append(contentsOf: replacement.unicodeScalars)
                continue
            }
            for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars where !isDiacritic(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Invisible in every level's eyes: the Arabic tatweel (a stretch of the line) and joiners.
    static func isIgnorable(_ character: Character) -> Bool {
        character == "\u{0640}" || character == "\u{200C}" || character == "\u{200D}"
    }

    static func isDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF: true  // combining marks on Latin, Greek, Cyrillic
        case 0x0483...0x0489: true  // Cyrillic combining marks
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED: true  // Arabic harakat, hamza above/below, Quranic marks
        case 0x0591...0x05C7: true  // Hebrew points
        default: false
        }
    }
}
