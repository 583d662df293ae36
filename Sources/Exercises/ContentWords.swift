import Transcripts

/// Which words carry the meaning of a phrase (nouns, verbs, adjectives…): the ones a gap-fill
/// hides and offers as distractors. Articles, pronouns, prepositions and auxiliaries are left in
/// place, because hiding `le` or `the` teaches nothing and gives away nothing.
///
/// French and English use a short stop-word list; other languages, whose lists we do not have,
/// count words of four letters or more (diacritics aside) as content words.
public enum ContentWords {
    /// True when `word` is a content word of `language`. An elided article stays with its word
    /// (`l'école` is judged as `école`); numbers and one-letter words never are.
    public static func isContentWord(_ word: String, language: String) -> Bool {
        let bare = bareWord(word)
        guard !bare.contains(where: \.isNumber), bare.contains(where: \.isLetter) else { return false }
        let key = WordFolding.key(bare)
        guard key.count > 1 else { return false }
        switch primary(language) {
        case "fr": return !french.contains(key)
        case "en": return !english.contains(key) && !english.contains(WordFolding.key(word))
        default: return key.count >= 4
        }
    }

    /// The word without its elided article or pronoun: `école` for `l'école`, `il` for `qu’il`.
    public static func bareWord(_ word: String) -> String {
        guard let prefix = Tokenizer().elidedPrefix(of: word) else { return word }
        return String(word[prefix.endIndex...])
    }

    static func primary(_ language: String) -> String {
        language.split(separator: "-").first.map { $0.lowercased() } ?? ""
    }

    /// French function words, folded (no case, accents or apostrophes).
    static let french: Set<String> = [
        "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "a", "et", "ou", "mais", "donc", "or", "ni", "car", "que",
        "qui", "quoi", "dont", "ce", "cet", "cette", "ces", "ca", "cela", "ceci", "se", "sa", "son", "ses", "mon", "ma", "mes",
        "ton", "ta", "tes", "notre", "nos", "votre", "vos", "leur", "leurs", "je", "tu", "il", "elle", "on", "nous", "vous",
        "ils", "elles", "me", "te", "lui", "y", "en", "ne", "pas", "plus", "est", "es", "suis", "sont", "sommes", "etes", "ai",
        "as", "avons", "avez", "ont", "etait", "ete", "dans", "sur", "sous", "avec", "pour", "par", "chez", "vers", "entre",
        "sans", "tres", "aussi", "si", "comme", "quand", "moi", "toi", "eux", "meme", "cest", "quil", "quelle", "quon", "oui",
        "non", "bien", "tout", "tous", "toute", "toutes", "alors", "puis", "ici", "va", "vais", "fait", "peu", "trop",
    ]

    /// English function words, folded.
    static let english: Set<String> = [
        "the", "a", "an", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are",
        "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "i", "you", "he", "she", "it", "we", "they",
        "me", "him", "her", "us", "them", "my", "your", "his", "its", "our", "their", "this", "that", "these", "those", "there",
        "here", "not", "no", "so", "too", "very", "can", "will", "would", "shall", "should", "could", "may", "might", "must",
        "what", "which", "who", "whom", "when", "where", "why", "how", "all", "any", "some", "than", "then", "just", "also",
        "up", "out", "into", "about", "dont", "im", "youre", "cant", "isnt", "wont", "yes", "oh", "well",
    ]
}
