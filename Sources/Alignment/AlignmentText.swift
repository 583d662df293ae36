/// What the aligners need to know about the words themselves.
enum AlignmentText {
    /// Whether `word` has anything to say: a letter or a digit.
    static func isSpeakable(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// How long `word` should take to say, in rough syllables, for any script.
    ///
    /// Scripts with vowel letters (Latin, Greek, Cyrillic, Armenian, Georgian) count groups of
    /// vowel letters; syllabaries and abugidas (Ethiopic, Devanagari, …) and Han count one per
    /// letter (their combining vowel signs are marks, not letters); abjads (Arabic, Hebrew), whose
    /// short vowels are rarely written, count a syllable per two letters. Digits count one each.
    /// A word with nothing to say counts 0.
    static func expectedSyllables(_ word: String) -> Double {
        var vowelGroups = 0, inVowelGroup = false
        var alphabeticLetters = 0, syllabicLetters = 0, abjadLetters = 0, digits = 0
        for scalar in word.unicodeScalars {
            let value = scalar.value
            if scalar.properties.numericType != nil, scalar.properties.generalCategory == .decimalNumber {
                digits += 1
                inVowelGroup = false
                continue
            }
            guard scalar.properties.isAlphabetic else { inVowelGroup = false; continue }
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .spacingMark {
                continue  // vowel signs and accents belong to the letter before
            }
            switch value {
            case 0x0590...0x08FF:  // Hebrew, Arabic, Syriac, Thaana, N'Ko…
                abjadLetters += 1
            case 0x0000...0x058F, 0x10A0...0x10FF, 0x1C80...0x1CBF, 0x1D00...0x1FFF, 0x2C00...0x2DFF, 0xA640...0xA69F, 0xA720...0xABFF:
                alphabeticLetters += 1
                if isVowelLetter(scalar) {
                    if !inVowelGroup { vowelGroups += 1 }
                    inVowelGroup = true
                } else {
                    inVowelGroup = false
                }
                continue
            default:
                syllabicLetters += 1
            }
            inVowelGroup = false
        }
        var syllables = Double(syllabicLetters) + Double(abjadLetters) / 2 + Double(digits)
        if alphabeticLetters > 0 {
            // A word of consonants only ("Mr", "BBC", "pst") is spelled or said as one short syllable.
            syllables += vowelGroups > 0 ? Double(vowelGroups) : max(1, Double(alphabeticLetters) / 2)
        }
        return syllables
    }

    /// Vowel letters of alphabetic scripts, with any accent: decided from the Unicode name's letter
    /// ("LATIN SMALL LETTER E WITH ACUTE" → E, "CYRILLIC CAPITAL LETTER YA" → YA).
    private static func isVowelLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard let name = scalar.properties.name else { return false }
        let words = name.split(separator: " ")
        guard let letterIndex = words.firstIndex(of: "LETTER"), letterIndex + 1 < words.count else { return false }
        let script = words[0]
        var letter = words[(letterIndex + 1)...].prefix { $0 != "WITH" }
        if letter.first == "SMALL" || letter.first == "CAPITAL", letter.count > 1 { letter = letter.dropFirst() }
        let key = letter.joined(separator: " ")
        switch script {
        case "LATIN": return latinVowels.contains(key)
        case "GREEK": return greekVowels.contains(key)
        case "CYRILLIC": return cyrillicVowels.contains(key)
        default: return false
        }
    }

    private static let latinVowels: Set<String> = ["A", "E", "I", "O", "U", "Y", "AE", "OE", "SCHWA", "OPEN E", "OPEN O", "DOTLESS I", "TURNED A", "ALPHA", "UPSILON", "IOTA", "REVERSED E", "BARRED O"]
    private static let greekVowels: Set<String> = ["ALPHA", "EPSILON", "ETA", "IOTA", "OMICRON", "UPSILON", "OMEGA"]
    private static let cyrillicVowels: Set<String> = ["A", "IE", "IO", "I", "O", "U", "YERU", "E", "YU", "YA", "BYELORUSSIAN-UKRAINIAN I", "YI", "UKRAINIAN IE", "STRAIGHT U", "BARRED O", "SCHWA"]
}
