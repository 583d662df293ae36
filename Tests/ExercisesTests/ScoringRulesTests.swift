import Testing
import Transcripts
@testable import Exercises

/// The pieces of scoring on their own: folding, number words, sounds, marks, and the level rule.
@Suite("Scoring rules")
struct ScoringRulesTests {
    @Test("folding: case, accents, ligatures, apostrophes, Arabic marks and hamza, Cyrillic ё")
    func folding() {
        #expect(WordFolding.key("L’École") == "lecole")
        #expect(WordFolding.key("Œuf") == "oeuf" && WordFolding.key("Straße") == "strasse")
        #expect(WordFolding.key("peut-être") == "peutetre")
        #expect(WordFolding.key("السَّلَامُ") == WordFolding.key("السلام"))
        #expect(WordFolding.key("أنا") == "انا")
        #expect(WordFolding.key("Всё") == "все")
        // Indic vowel signs are letters, not accents.
        #expect(WordFolding.key("कैसे") != WordFolding.key("कसे"))
        // Decomposed and precomposed accents are the same word at every level.
        let decomposed = AnswerScorer(language: "fr", level: .advanced).score(text: "e\u{301}cole", expected: "école")
        #expect(decomposed.marks.map(\.mark) == [.correct])
    }

    @Test("French and English number words", arguments: [
        ("fr", "zéro", 0), ("fr", "un", 1), ("fr", "dix-sept", 17), ("fr", "vingt et un", 21), ("fr", "vingt-et-un", 21),
        ("fr", "soixante et onze", 71), ("fr", "soixante-dix-neuf", 79), ("fr", "quatre-vingts", 80), ("fr", "quatre-vingt-dix-sept", 97),
        ("fr", "septante-deux", 72), ("fr", "nonante", 90), ("fr", "cent un", 101), ("fr", "deux cents", 200),
        ("fr", "mille deux cent trente-quatre", 1_234), ("fr", "deux mille vingt-six", 2_026), ("fr", "trois millions", 3_000_000),
        ("en", "twenty-one", 21), ("en", "one hundred and five", 105), ("en", "nineteen", 19), ("en", "two thousand twenty-six", 2_026),
        ("en", "Seventy Seven", 77),
    ])
    func numberWords(_ language: String, _ text: String, _ value: Int) throws {
        let numbers = try #require(NumberWords(language: language))
        #expect(numbers.value(of: text.split(separator: " ").map(String.init)) == value)
    }

    @Test("not numbers: malformed sequences, connectors at the ends, unknown languages")
    func notNumbers() throws {
        let french = try #require(NumberWords(language: "fr-BE"))
        for text in ["deux trois", "vingt trente", "et un", "un et", "cent cent", "mille million", "dix un", "bonjour"] {
            #expect(french.value(of: text.split(separator: " ").map(String.init)) == nil, "\(text)")
        }
        #expect(NumberWords(language: "en")?.value(of: ["ten", "seven"]) == nil)
        #expect(NumberWords(language: "ar") == nil)
        #expect(french.runs(in: ["il", "a", "vingt", "et", "un", "ans", "et", "deux", "chats"]).map(\.value) == [21, 2])
    }

    @Test("sound keys catch spellings by ear", arguments: [
        ("fr", "bateau", "bato"), ("fr", "école", "ecol"), ("fr", "beau", "bo"), ("fr", "m'appelle", "mapel"),
        ("fr", "chapeau", "chapo"), ("fr", "photo", "foto"), ("en", "night", "nite"), ("en", "phone", "fone"),
    ])
    func soundKeys(_ language: String, _ word: String, _ heard: String) {
        let scored = AnswerScorer(language: language, level: .beginner).score(text: heard, expected: word)
        #expect(scored.marks.map(\.mark) == [.close], "\(scored.marks)")
    }

    @Test("marks carry the expected word, what was written and why")
    func markDetail() {
        let scored = AnswerScorer(language: "fr", level: .intermediate).score(text: "je vai a l'ecole en bus", expected: "Je vais à l'école.")
        #expect(scored.marks == [
            WordMark(word: 0, expected: "Je", written: "je", mark: .correct, differences: [.case]),
            WordMark(word: 1, expected: "vais", written: "vai", mark: .close, differences: [.spelling]),
            WordMark(word: 2, expected: "à", written: "a", mark: .close, differences: [.accents]),
            WordMark(word: 3, expected: "l'école", written: "l'ecole", mark: .close, differences: [.accents]),
            WordMark(word: nil, expected: nil, written: "en", mark: .extra),
            WordMark(word: nil, expected: nil, written: "bus", mark: .extra),
        ])
        #expect(scored.score == 50)  // (1 + 3 × ½) / (4 + 2 × ½)
        let number = AnswerScorer(language: "fr", level: .advanced).score(text: "J'ai 21 ans", expected: "J'ai vingt et un ans")
        #expect(number.marks.map(\.written) == ["J'ai", "21", "21", "21", "ans"])
        #expect(number.marks[2].differences == [.number] && number.score == 100)
    }

    @Test("gap-fill choices: right tile, wrong tile, empty gap")
    func choices() {
        let segment = TranscriptSegment(text: "Je vais à l'école avec ma fille.")
        let scorer = AnswerScorer(language: "fr", level: .advanced)
        let scored = scorer.score(choices: [GapChoice(word: 6, text: "maison"), GapChoice(word: 3, text: "École"), GapChoice(word: 1, text: nil)],
                                  against: segment)
        #expect(scored.marks.map(\.mark) == [.missing, .correct, .wrong])
        #expect(scored.marks.map(\.expected) == ["vais", "école", "fille"])
        #expect(scored.score == 33)
    }

    @Test("the level rule: two attempts of 80 or more at the current level move up, never past 3")
    func levelRule() {
        let rule = LevelRule.standard
        #expect(rule.level(after: [80], at: .beginner) == .beginner)
        #expect(rule.level(after: [79, 100], at: .beginner) == .beginner)
        #expect(rule.level(after: [85, 40, 92], at: .beginner) == .intermediate)
        #expect(rule.level(after: [100, 100], at: .intermediate) == .advanced)
        #expect(rule.level(after: [100, 100, 100], at: .advanced) == .advanced)
        #expect(LevelRule(passingScore: 90, passesNeeded: 3).level(after: [95, 95], at: .beginner) == .beginner)
    }

    @Test("scores: a near miss is half a word, an extra word costs half a word, an empty phrase is full marks")
    func scores() {
        #expect(ScoredAnswer(marks: []).score == 100)
        #expect(ScoredAnswer(marks: [WordMark(word: nil, expected: nil, written: "x", mark: .extra)]).score == 0)
        let long = String(repeating: "mot ", count: 400)
        let scored = AnswerScorer(language: "fr", level: .beginner).score(text: long, expected: "Mot.")
        #expect(scored.count(.extra) == 399 && scored.score == 0)
    }
}
