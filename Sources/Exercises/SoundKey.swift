/// A rough key of how a word sounds, so that a spelling by ear (`bato` for `bateau`, `ecol` for
/// `école`, `nite` for `night`) counts as a near miss rather than a wrong word.
///
/// This is deliberately small: a few ordered rewrite rules per language, not a phonetic
/// transcription. French and English only; other languages get nil (near misses there are
/// measured in letters alone).
enum SoundKey {
    /// The key of a lowercased word, or nil when the language has no rules here.
    static func key(_ word: String, language: String) -> String? {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) {
        case "fr": french(word)
        case "en": english(word)
        default: nil
        }
    }

    /// When a rule may apply, judged on the letter that follows the match (or precedes it).
    enum Condition {
        case always, beforeFrontVowel, notBeforeVowel, betweenVowels, atStart
    }

    struct Rule {
        let pattern: [Character]
        let replacement: String
        let condition: Condition

        init(_ pattern: String, _ replacement: String, _ condition: Condition = .always) {
            self.pattern = Array(pattern)
            self.replacement = replacement
            self.condition = condition
        }
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "é", "è", "ê", "ë", "à", "â", "î", "ï", "ô", "ù", "û", "ü"]
    static let frontVowels: Set<Character> = ["e", "i", "y", "é", "è", "ê", "ë", "î", "ï"]

    static func french(_ word: String) -> String {
        var word = word
        // Endings first: silent -er/-ez/-et sound é, then one silent consonant, then a mute e.
        for ending in ["er", "ez", "et"] where word.count > 3 && word.hasSuffix(ending) { word = String(word.dropLast(2)) + "é" }
        if word.count > 2, let last = word.last, "sxtdz".contains(last) { word.removeLast() }
        if word.count > 2, word.hasSuffix("e") { word.removeLast() }
        return collapse(apply(frenchRules, to: word))
    }

    static let frenchRules: [Rule] = [
        Rule("eaux", "o"), Rule("eau", "o"), Rule("aux", "o"), Rule("au", "o"),
        Rule("ain", "1", .notBeforeVowel), Rule("ein", "1", .notBeforeVowel), Rule("aim", "1", .notBeforeVowel),
        Rule("oin", "w1", .notBeforeVowel), Rule("oi", "wa"), Rule("ou", "U"), Rule("où", "U"),
        Rule("an", "A", .notBeforeVowel), Rule("am", "A", .notBeforeVowel), Rule("en", "A", .notBeforeVowel),
        Rule("em", "A", .notBeforeVowel), Rule("on", "O", .notBeforeVowel), Rule("om", "O", .notBeforeVowel),
        Rule("in", "1", .notBeforeVowel), Rule("im", "1", .notBeforeVowel), Rule("un", "1", .notBeforeVowel),
        Rule("ai", "e"), Rule("ei", "e"), Rule("é", "e"), Rule("è", "e"), Rule("ê", "e"), Rule("ë", "e"),
        Rule("à", "a"), Rule("â", "a"), Rule("î", "i"), Rule("ï", "i"), Rule("ô", "o"), Rule("ù", "u"), Rule("û", "u"),
        Rule("ph", "f"), Rule("qu", "k"), Rule("gu", "g", .beforeFrontVowel), Rule("ch", "S"), Rule("gn", "N"),
        Rule("ç", "s"), Rule("c", "s", .beforeFrontVowel), Rule("c", "k"), Rule("q", "k"), Rule("g", "j", .beforeFrontVowel),
        Rule("s", "z", .betweenVowels), Rule("x", "ks"), Rule("y", "i"), Rule("w", "v"), Rule("h", ""),
    ]

    static func english(_ word: String) -> String {
        var word = word
        if word.count > 3, word.hasSuffix("e") { word.removeLast() }
        return collapse(apply(englishRules, to: word))
    }

    static let englishRules: [Rule] = [
        Rule("kn", "n", .atStart), Rule("wr", "r", .atStart), Rule("tch", "C"), Rule("ch", "C"), Rule("sh", "S"),
        Rule("igh", "i"), Rule("gh", ""), Rule("ph", "f"), Rule("th", "T"), Rule("wh", "w"), Rule("ck", "k"), Rule("dg", "j"),
        Rule("ee", "i"), Rule("ea", "i"), Rule("ie", "i"), Rule("oo", "u"), Rule("ay", "ei"), Rule("ai", "ei"),
        Rule("c", "s", .beforeFrontVowel), Rule("c", "k"), Rule("q", "k"), Rule("x", "ks"), Rule("z", "s"), Rule("y", "i"),
    ]

    /// Applies the first matching rule at each position, left to right, on the original letters.
    static func apply(_ rules: [Rule], to word: String) -> String {
        let letters = Array(word)
        var output = ""
        var index = 0
        scan: while index < letters.count {
            for rule in rules where matches(rule, letters, at: index) {
                output += rule.replacement
                index += rule.pattern.count
                continue scan
            }
            output.append(letters[index])
            index += 1
        }
        return output
    }

    static func matches(_ rule: Rule, _ letters: [Character], at index: Int) -> Bool {
        let end = index + rule.pattern.count
        guard end <= letters.count, Array(letters[index..<end]) == rule.pattern else { return false }
        let next = end < letters.count ? letters[end] : nil
        switch rule.condition {
        case .always: return true
        case .atStart: return index == 0
        case .beforeFrontVowel: return next.map(frontVowels.contains) ?? false
        case .notBeforeVowel: return !(next.map { vowels.contains($0) || $0 == "n" || $0 == "m" } ?? false)
        case .betweenVowels: return index > 0 && vowels.contains(letters[index - 1]) && (next.map(vowels.contains) ?? false)
        }
    }

    /// Double letters sound single.
    static func collapse(_ key: String) -> String {
        var output = ""
        for character in WordFolding.accentFolded(key) where character != output.last { output.append(character) }
        return output
    }
}
