import Testing
@testable import Transcripts

@Suite("Segment splitter")
struct SegmentSplitterTests {
    func split(_ text: String) -> [String] { SegmentSplitter().segments(of: text) }

    @Test("Line breaks and sentence ends cut segments; blank lines are dropped")
    func basics() {
        #expect(split("Bonjour. Ça va ?\n\nOui, merci !  Et toi…\r\nBien.") == ["Bonjour.", "Ça va ?", "Oui, merci !", "Et toi…", "Bien."])
        #expect(split("Tu viens?! Non.") == ["Tu viens?!", "Non."])
    }

    @Test("Closing quotes stay with their sentence")
    func quotes() {
        #expect(split("Il a dit : « Viens ! » Puis il est parti.") == ["Il a dit : « Viens ! »", "Puis il est parti."])
        #expect(split("He said \"Go.\" Then he left.") == ["He said \"Go.\"", "Then he left."])
    }

    @Test("Abbreviations, initials, decimals and lower-case continuations do not cut")
    func noCut() {
        #expect(split("M. Dupont et Mme. Martin sont là. Ils parlent.") == ["M. Dupont et Mme. Martin sont là.", "Ils parlent."])
        #expect(split("J. K. Rowling écrit. Dr. Who aussi.") == ["J. K. Rowling écrit.", "Dr. Who aussi."])
        #expect(split("Il fait 3.5 degrés. Brr.") == ["Il fait 3.5 degrés.", "Brr."])
        #expect(split("Des pommes, des poires, etc. et des fraises.") == ["Des pommes, des poires, etc. et des fraises."])
        #expect(split("Attends... je réfléchis. Voilà.") == ["Attends... je réfléchis.", "Voilà."])
    }

    @Test("Arabic, Urdu and Hindi sentence ends")
    func otherScripts() {
        #expect(split("مرحبا، كيف حالك؟ أنا بخير.") == ["مرحبا، كيف حالك؟", "أنا بخير."])
        #expect(split("आप कैसे हैं। मैं ठीक हूँ।") == ["आप कैसे हैं।", "मैं ठीक हूँ।"])
    }

    @Test("A plain-text transcript keeps the typed text and has untimed words")
    func plainTranscript() {
        let transcript = Transcript(language: "fr", plainText: Samples.text)
        #expect(transcript.text == Samples.text)
        #expect(transcript.segments.count == 5)
        #expect(transcript.segments[1].words.map(\.text).prefix(3) == ["J'habite", "à", "Lyon"])
        #expect(transcript.segments.allSatisfy { !$0.isTimed && $0.words.allSatisfy { !$0.isTimed } })
        #expect(transcript.validationProblems().isEmpty)
    }
}
