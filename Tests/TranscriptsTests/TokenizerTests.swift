import Testing
@testable import Transcripts

@Suite("Tokenizer")
struct TokenizerTests {
    func words(_ text: String) -> [String] { Tokenizer().tokens(in: text).map(\.text) }

    @Test("French: elisions stay attached with ' and ’, hyphenated words are one, punctuation is not a word")
    func french() {
        #expect(words("L'école, c’est « peut-être » aujourd’hui ; qu'il vienne jusqu'à demain !")
                == ["L'école", "c’est", "peut-être", "aujourd’hui", "qu'il", "vienne", "jusqu'à", "demain"])
        #expect(words("Ma grand-mère dit-elle : « Va-t-en ! »") == ["Ma", "grand-mère", "dit-elle", "Va-t-en"])
        #expect(words("Où êtes-vous ? À l’hôpital…") == ["Où", "êtes-vous", "À", "l’hôpital"])
    }

    @Test("Decomposed accents (e + U+0301) stay in the word")
    func combiningMarks() {
        let decomposed = "e\u{301}cole"
        #expect(words("l'\(decomposed) ") == ["l'\(decomposed)"])
    }

    @Test("English contractions and possessives")
    func english() {
        #expect(words("I don't know, it's John's book; the students' room.") == ["I", "don't", "know", "it's", "John's", "book", "the", "students", "room"])
        // ’ used as a closing quote is punctuation.
        #expect(words("He said ‘hello’ twice") == ["He", "said", "hello", "twice"])
    }

    @Test("Arabic, with and without vowel marks, and its question mark")
    func arabic() {
        #expect(words("مرحبا، كيف حالك؟") == ["مرحبا", "كيف", "حالك"])
        #expect(words("السَّلَامُ عَلَيْكُمْ") == ["السَّلَامُ", "عَلَيْكُمْ"])
        #expect(words("عندي ٣٫٥ كيلو") == ["عندي", "٣٫٥", "كيلو"])
    }

    @Test("Russian and other scripts")
    func cyrillicAndOthers() {
        #expect(words("Привет, как дела? Всё хорошо — спасибо.") == ["Привет", "как", "дела", "Всё", "хорошо", "спасибо"])
        #expect(words("नमस्ते, आप कैसे हैं?") == ["नमस्ते", "आप", "कैसे", "हैं"])
        #expect(words("我爱你") == ["我", "爱", "你"])
        #expect(words("Γειά σου κόσμε") == ["Γειά", "σου", "κόσμε"])
    }

    @Test("Numbers: decimals, thousands groups, times, dates, ordinals are one word each")
    func numbers() {
        #expect(words("Ça coûte 3,5 euros ou 3.5 dollars.") == ["Ça", "coûte", "3,5", "euros", "ou", "3.5", "dollars"])
        #expect(words("J'ai payé 1 200 euros et 25 000 000 de dollars.") == ["J'ai", "payé", "1 200", "euros", "et", "25 000 000", "de", "dollars"])
        #expect(words("1\u{202F}200 et 12\u{00A0}345") == ["1\u{202F}200", "et", "12\u{00A0}345"])
        #expect(words("Rendez-vous à 12h30 ou 10:30, le 12/03/2024, le 1er.") == ["Rendez-vous", "à", "12h30", "ou", "10:30", "le", "12/03/2024", "le", "1er"])
        // An ordinary space joins only the thousands shape.
        #expect(words("Il a 3 ans et 2024 200 jours") == ["Il", "a", "3", "ans", "et", "2024", "200", "jours"])
        #expect(words("50 % de 12 pommes.") == ["50", "de", "12", "pommes"])
        #expect(words("En 2023 1234 personnes") == ["En", "2023", "1234", "personnes"])
    }

    @Test("Offsets and lengths are UTF-16 and point at the word in the text")
    func offsets() {
        let text = "« Où ? » 🙂 l’école"
        let tokens = Tokenizer().tokens(in: text)
        let utf16 = Array(text.utf16)
        for token in tokens {
            #expect(String(decoding: utf16[token.offset..<(token.offset + token.length)], as: UTF16.self) == token.text)
        }
        #expect(tokens.map(\.text) == ["Où", "l’école"])
        #expect(tokens[1].offset == 12)  // the emoji is two UTF-16 units
    }

    @Test("Elided prefixes are found for gap-fills, not in aujourd'hui or English")
    func elidedPrefix() {
        let tokenizer = Tokenizer()
        #expect(tokenizer.elidedPrefix(of: "l'école") == "l'")
        #expect(tokenizer.elidedPrefix(of: "Qu’il") == "Qu’")
        #expect(tokenizer.elidedPrefix(of: "jusqu'à") == "jusqu'")
        #expect(tokenizer.elidedPrefix(of: "aujourd’hui") == nil)
        #expect(tokenizer.elidedPrefix(of: "don't") == nil)
        #expect(tokenizer.elidedPrefix(of: "école") == nil)
    }

    @Test("Empty and punctuation-only text has no words")
    func empty() {
        #expect(words("").isEmpty)
        #expect(words(" … !? « » — ").isEmpty)
        #expect(words("' - '").isEmpty)
    }
}
