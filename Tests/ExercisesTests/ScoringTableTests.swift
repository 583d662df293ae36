import Testing
import Transcripts
@testable import Exercises

/// The scoring table: each answer with its expected marks and score at levels 1, 2 and 3.
///
/// Marks read one symbol per word, in order: `=` correct, `~` close, `x` wrong, `-` missing,
/// `+` extra. Scores are `(correct + ½ close) / (expected + ½ extra)`, rounded.
@Suite("Answer scoring table")
struct ScoringTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let language: String
        let expected: String
        let answer: String
        /// Marks at levels 1, 2, 3 (one string for all three when they agree).
        let marks: [String]
        let scores: [Int]
        let note: String

        init(_ language: String, _ expected: String, _ answer: String, _ marks: [String], _ scores: [Int], _ note: String) {
            self.language = language
            self.expected = expected
            self.answer = answer
            self.marks = marks.count == 1 ? Array(repeating: marks[0], count: 3) : marks
            self.scores = scores.count == 1 ? Array(repeating: scores[0], count: 3) : scores
            self.note = note
        }

        var testDescription: String { "\(language) \(note): «\(answer)» for «\(expected)»" }
    }

    static let french: [Case] = [
        Case("fr", "Bonjour.", "Bonjour.", ["="], [100], "identical"),
        Case("fr", "Bonjour.", "bonjour", ["=", "=", "~"], [100, 100, 50], "case and final full stop"),
        Case("fr", "Je vais à l'école.", "je vais a lecole", ["====", "==~~", "~=~~"], [100, 75, 63], "accents, apostrophe and case"),
        Case("fr", "Je vais à l’école.", "Je vais à l'école.", ["====", "====", "===~"], [100, 100, 88], "apostrophe style"),
        Case("fr", "Il est peut-être là.", "il est peut être la", ["====", "==~~", "~=~~"], [100, 75, 63], "hyphen written as a space"),
        Case("fr", "Il est peut-être là.", "Il est peutêtre là.", ["====", "==~=", "==~="], [100, 88, 88], "hyphen left out"),
        Case("fr", "Aujourd'hui, il fait beau.", "aujourdhui il fait bo", ["===~", "~==~", "~==~"], [88, 75, 75], "apostrophe and spelling by sound"),
        Case("fr", "Le bateau est grand.", "le bato est gran", ["=~=~", "=~=~", "~~=~"], [75, 75, 63], "spelling by sound, a letter off"),
        Case("fr", "Je m'appelle Amina.", "je mapel amina", ["=~=", "=~=", "~~~"], [83, 83, 50], "phonetic spelling of an elided verb"),
        Case("fr", "J'habite à Lyon depuis un an.", "J'habite à Lyon depuis 1 an.", ["======"], [100], "digit for a number word"),
        Case("fr", "Il a 21 ans.", "il a vingt et un ans", ["====", "====", "~==~"], [100, 100, 75], "number words for digits"),
        Case("fr", "Il a vingt-et-un ans.", "Il a 21 ans.", ["===="], [100], "digits for hyphenated number words"),
        Case("fr", "Il a vingt et un ans", "Il a vingt-et-un ans", ["======"], [100], "number words hyphenated differently"),
        Case("fr", "Il a 21 ans.", "Il a 12 ans.", ["==x="], [75], "another number is wrong, not close"),
        Case("fr", "Ça coûte 1 200 euros.", "ca coute 1200 euros", ["====", "~~==", "~~=~"], [100, 75, 63], "thousands space, cedilla, circumflex"),
        Case("fr", "Ça coûte mille deux cents euros.", "Ça coûte 1200 euros.", ["======"], [100], "digits for a number in three words"),
        Case("fr", "Où est la gare ?", "ou est la gare", ["====", "~===", "~==~"], [100, 88, 75], "accent on où, question mark"),
        Case("fr", "Où est la gare ?", "Où est la gare?", ["===="], [100], "French space before ? does not matter"),
        Case("fr", "Je suis allée au marché.", "je suis aller au marcher", ["==~=~", "==~=~", "~=~=~"], [80, 80, 70], "homophone endings are close"),
        Case("fr", "Je vais à la pharmacie.", "je vais pharmacie", ["==--=", "==--=", "~=--~"], [60, 60, 40], "missing words"),
        Case("fr", "Je vais à la pharmacie.", "Je vais vais à la pharmacie.", ["==+==="], [91], "an extra word, the first one paired"),
        Case("fr", "À demain, Amina.", "ademain amina", ["~~=", "~~=", "~~~"], [67, 67, 50], "two words run together"),
        Case("fr", "Nous partons ensemble.", "nous partons en semble", ["==~", "==~", "~=~"], [83, 83, 67], "one word split in two"),
        Case("fr", "Bonjour Amina.", "", ["--"], [0], "empty answer"),
        Case("fr", "Bonjour.", " ... ", ["-"], [0], "only punctuation"),
        Case("fr", "Je mange une pomme.", "Je mange une poire.", ["===x"], [75], "a wrong word"),
        Case("fr", "Il va à l'école.", "il va a école", ["===~", "==~~", "~=~~"], [88, 75, 63], "elided article left out"),
        Case("fr", "Il va à l'école.", "Il va à l école.", ["====", "===~", "===~"], [100, 88, 88], "a space for the apostrophe"),
        Case("fr", "Ma grand-mère est malade.", "ma grand mère est malade", ["====", "=~==", "~~=~"], [100, 88, 63], "compound written apart"),
        Case("fr", "Viens ici, dit-elle.", "viens ici dit elle", ["===", "==~", "~~~"], [100, 83, 50], "inverted pronoun, comma"),
        Case("fr", "Le café est prêt.", "Le cafe est pret.", ["====", "=~=~", "=~=~"], [100, 75, 75], "accents only"),
        Case("fr", "Un œuf, s'il vous plaît.", "un oeuf sil vous plait", ["=====", "=~~=~", "~~~=~"], [100, 70, 60], "ligature, elision, circumflex"),
        Case("fr", "C'est l'heure.", "C’est l’heure.", ["==", "==", "~~"], [100, 100, 50], "typographic apostrophes typed"),
        Case("fr", "Amina habite à Paris.", "amina habite à paris.", ["====", "====", "~==~"], [100, 100, 75], "capitals of names"),
        Case("fr", "Merci beaucoup.", "merci beaucoup madame", ["==+", "==+", "~~+"], [80, 80, 40], "a word too many at the end"),
        Case("fr", "Le chat mange.", "le chien mange", ["=x=", "=x=", "~x~"], [67, 67, 33], "another animal"),
        Case("fr", "Je vais à l'école.", "je vai a l'ecol", ["=~=~", "=~~~", "~~~~"], [75, 63, 50], "ecol for école"),
        Case("fr", "Mon numéro est le 97.", "Mon numéro est le quatre-vingt-dix-sept.", ["====="], [100], "vigesimal number words"),
        Case("fr", "Nous sommes soixante et onze.", "Nous sommes 71.", ["====="], [100], "soixante et onze"),
        Case("fr", "Aujourd’hui il pleut.", "aujourdʼhui il pleut.", ["===", "===", "~=="], [100, 100, 83], "modifier-letter apostrophe"),
    ]

    static let english: [Case] = [
        Case("en", "I have twenty-one books.", "i have 21 books", ["====", "====", "~==~"], [100, 100, 75], "digits for number words"),
        Case("en", "It costs 105 pounds.", "It costs one hundred and five pounds.", ["===="], [100], "words for digits, with and"),
        Case("en", "I don't know.", "I dont know.", ["===", "=~=", "=~="], [100, 83, 83], "apostrophe left out"),
        Case("en", "I don’t know.", "I don't know.", ["===", "===", "=~="], [100, 100, 83], "apostrophe style"),
        Case("en", "The night is dark.", "the nite is dark", ["=~==", "=~==", "~~=~"], [88, 88, 63], "spelling by sound"),
        Case("en", "She is my grandmother.", "she is my grand mother", ["===~", "===~", "~==~"], [88, 88, 75], "one word split"),
        Case("en", "See you tomorrow.", "seeyou tomorrow", ["~~=", "~~=", "~~~"], [67, 67, 50], "two words merged"),
        Case("en", "I live in London.", "I live in london", ["====", "====", "===~"], [100, 100, 88], "capital of a name"),
        Case("en", "She has three children.", "she has 3 childs", ["===x", "===x", "~==x"], [75, 75, 63], "digit, and a wrong plural"),
        Case("en", "Where is the bus station?", "where the the bus station", ["=x===", "=x===", "~x==~"], [80, 80, 60], "a wrong word, not missing plus extra"),
        Case("en", "It's a beautiful day.", "its a beatiful day", ["==~=", "~=~=", "~=~~"], [88, 75, 63], "contraction and a missing letter"),
        Case("en", "Twenty-one students came.", "twenty one students came", ["===", "===", "==~"], [100, 100, 83], "number words spaced"),
    ]

    static let otherScripts: [Case] = [
        Case("ar", "مرحبا كيف حالك", "مرحبا كيف حالك", ["==="], [100], "Arabic, identical"),
        Case("ar", "السَّلَامُ عَلَيْكُمْ", "السلام عليكم", ["==", "~~", "~~"], [100, 50, 50], "Arabic vowel marks left out"),
        Case("ar", "أنا من المغرب", "انا من المغرب", ["===", "~==", "~=="], [100, 83, 83], "Arabic hamza on alef left out"),
        Case("ar", "أنا من المغرب", "أنا في المغرب", ["=x="], [67], "Arabic, another preposition"),
        Case("ru", "Привет, как дела?", "привет как дела", ["===", "===", "~=~"], [100, 100, 67], "Cyrillic case and punctuation"),
        Case("ru", "Всё хорошо.", "все хорошо", ["==", "~=", "~~"], [100, 75, 50], "Cyrillic ё written е"),
        Case("ru", "Спасибо большое", "спасиба большое", ["~="], [75], "Cyrillic, a letter off"),
    ]

    static func symbols(_ answer: ScoredAnswer) -> String {
        String(answer.marks.map { mark -> Character in
            switch mark.mark {
            case .correct: "="
            case .close: "~"
            case .wrong: "x"
            case .missing: "-"
            case .extra: "+"
            }
        })
    }

    static func check(_ item: Case) {
        for level in ExerciseLevel.allCases {
            let scored = AnswerScorer(language: item.language, level: level).score(text: item.answer, expected: item.expected)
            let index = level.rawValue - 1
            #expect(symbols(scored) == item.marks[index] && scored.score == item.scores[index],
                    "level \(level.rawValue): \(symbols(scored)) \(scored.score), expected \(item.marks[index]) \(item.scores[index]): \(scored.marks)")
        }
    }

    @Test("French", arguments: french)
    func frenchTable(_ item: Case) { Self.check(item) }

    @Test("English", arguments: english)
    func englishTable(_ item: Case) { Self.check(item) }

    @Test("Arabic and Cyrillic scripts", arguments: otherScripts)
    func otherScriptsTable(_ item: Case) { Self.check(item) }

    @Test("the table is big enough: at least 40 French and English cases")
    func size() {
        #expect(Self.french.count + Self.english.count >= 40)
    }
}
