import Foundation
import TestSupport
import Testing
import Transcripts
@testable import Alignment

/// eSpeak NG left to itself speaks the same text differently from one call to the next in a
/// process (pitch flutter, roughness and clause-end pauses carry over; see ESpeakSteadyVoice), so
/// the same transcript aligned twice gave different times. These compare samples exactly.
@Suite("Synthesis is deterministic")
struct SynthesisDeterminismTests {
    static func phrases(_ lines: [String]) -> [[String]] {
        lines.map { $0.split(separator: " ").map(String.init) }
    }

    /// Texts that changed what eSpeak NG said after them: a comma (its pause grew), numbers and
    /// letters spoken in a row, a question, a clause longer than the others.
    static let spanish = phrases(["Z K siete espacio uno dos tres", "para usuarios de correo de voz, bonjour"])
    static let others: [(phrases: [[String]], language: String)] = [
        (phrases(["dos tres"]), "es"),
        (phrases(["the quick brown fox jumps over the lazy dog. Really?"]), "en"),
        (phrases(["A B C D E F G H I J K L M N O P Q R S T U V W X Y Z", "hola"]), "es"),
        (phrases([Array(repeating: "W X Y Z", count: 60).joined(separator: " ")]), "es"),
        (phrases(["un deux trois quatre cinq, six sept huit neuf dix onze douze treize"]), "fr"),
        (phrases(["1999, 2024; 3,5 kg!"]), "es"),
        (phrases(["В текущий момент", "Квебек"]), "ru"),
    ]

    @Test("The same phrases give the same samples and word events on every call, whatever was spoken before")
    func sameSamples() throws {
        let engine = ESpeakEngine.shared
        let first = try engine.synthesize(phrases: Self.spanish, language: "es")
        #expect(first.samples.count > 22_050)
        for other in Self.others {
            _ = try engine.synthesize(phrases: other.phrases, language: other.language)
            let again = try engine.synthesize(phrases: Self.spanish, language: "es")
            #expect(again.samples.count == first.samples.count, "after \(other.phrases): \(again.samples.count) samples, first \(first.samples.count)")
            let firstDifference = again.samples.indices.first { $0 < first.samples.count && again.samples[$0] != first.samples[$0] }
            #expect(firstDifference == nil, "after \(other.phrases): samples differ from \(firstDifference ?? -1) on")
            #expect(again.phraseRanges == first.phraseRanges)
            #expect(again.wordStarts == first.wordStarts)
            #expect(again.wordFirstPhonemes == first.wordFirstPhonemes)
        }
    }

    @Test("Every declared language speaks, and after any of them the same Spanish and English phrases give the same samples")
    func afterEveryVoice() throws {
        let engine = ESpeakEngine.shared
        let english = [["Good", "morning,", "how", "are", "you?"]]
        let firstSpanish = try engine.synthesize(phrases: Self.spanish, language: "es")
        let firstEnglish = try engine.synthesize(phrases: english, language: "en")
        let languages = try engine.languages()
        #expect(languages.count > 100 && languages.contains("ru"), "\(languages.count) languages")
        var changed: [String] = []
        for language in languages {
            // Numbers and a word every voice says something for; every declared language can be
            // selected (Cherokee's `chr-US-Qaaa-x-west` only as its voice file spells it).
            _ = try engine.synthesize(phrases: [["1", "2", "3", "hello"]], language: language)
            if try engine.synthesize(phrases: Self.spanish, language: "es").samples != firstSpanish.samples
                || engine.synthesize(phrases: english, language: "en").samples != firstEnglish.samples {
                changed.append(language)
            }
        }
        #expect(changed.isEmpty, "Spanish or English sound different after \(changed)")
    }

    @Test("Each language's voice is the steady copy of its own voice file")
    func steadyVoiceFile() {
        let spanish = "name Spanish (Spain)\nlanguage es\ndictrules 1\ntunes s6 c6 q6 e6\n"
        #expect(ESpeakSteadyVoice.definition(original: spanish) == spanish + "\nflutter 0\nroughness 8\nspeed 100\n")
        let latvian = "name Latvian\nlanguage lv\nbreath   10 2 1 0 0 0 0 0\nbreathw  20 42 85 200 500 1000\n"
        #expect(ESpeakSteadyVoice.definition(original: latvian).hasSuffix("roughness 8\nbreath 0\nspeed 100\n"))
        // A voice with a speed of its own keeps it (and the next voice says its own again).
        let russian = "name Russian\nlanguage ru\nreplace 03 a a#\ndict_min  20000\nspeed 95\n"
        #expect(ESpeakSteadyVoice.definition(original: russian) == russian + "\nflutter 0\nroughness 8\n")
    }

    @Test("The same recording and transcript align to the same times on every run")
    func sameAlignment() throws {
        let bytes = [UInt8](try Data(contentsOf: AlignerTests.fixtures.appendingPathComponent("asterisk-prompts-en.wav")))
        let (samples, format) = try AudioDecoding.wav(bytes)
        let input = AlignmentInput(samples: samples, sampleRate: format.sampleRate,
                                   phrases: Self.phrases(AlignerTests.asteriskTexts), language: "en")
        let aligner = SynthesisDTWAligner()
        let first = try aligner.align(input)
        for other in Self.others {
            _ = try ESpeakEngine.shared.synthesize(phrases: other.phrases, language: other.language)
            let again = try aligner.align(input)
            #expect(again == first, "after \(other.phrases)")
        }
    }
}

@Suite("Synthetic word starts")
struct SyntheticWordStartTests {
    @Test("A word run into the previous one starts where its closure's silence begins, when that is within 3 frames")
    func closures() {
        // 10 ms frames: silence, a word, the next word's event on the word's last frame followed by
        // a 3-frame closure, speech, a third word's event in the middle of speech, silence.
        let energy: [Float] = Array(repeating: -80, count: 10) + Array(repeating: -20, count: 11) + Array(repeating: -80, count: 3)
            + Array(repeating: -20, count: 12) + Array(repeating: -80, count: 10)
        let activity = SpeechActivity(energyDB: energy)
        let hop = 220.5
        let speech = SynthesizedSpeech(samples: [], sampleRate: 22_050, phraseRanges: [0..<Int(Double(energy.count) * hop)],
                                       wordStarts: [[Int(10 * hop), Int(20 * hop), Int(30 * hop)]], voice: "en")
        let moved = speech.wordStartsAtClosures(activity: activity, hop: hop)
        #expect(moved.wordStarts == [[Int(10 * hop), Int((21 * hop).rounded()), Int(30 * hop)]])
    }
}
