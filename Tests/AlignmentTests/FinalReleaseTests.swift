import Foundation
import Testing
@testable import Alignment

/// A word-final stop's release given back to its word
/// (``BoundaryMapper/keepingFinalRelease(_:candidates:assigned:opening:)``), and the two things it
/// reads: the recording's voicing and eSpeak NG's first phoneme of each word.
@Suite("Final releases")
struct FinalReleaseTests {
    static let rate = 8_000

    /// `count` samples of white noise at amplitude `level` (a fixed sequence: the same on every run).
    static func noise(_ count: Int, level: Float, seed: UInt64 = 7) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return level * (Float(state >> 40) / Float(1 << 24) * 2 - 1)
        }
    }

    /// `count` samples of a voice at `pitch` Hz: a fundamental and two harmonics, as a vowel has.
    static func voice(_ count: Int, pitch: Double = 150, level: Float = 0.3, rate: Int = rate) -> [Float] {
        (0..<count).map { i in
            let t = 2 * Double.pi * pitch * Double(i) / Double(rate)
            return level * Float(sin(t) + 0.5 * sin(2 * t) + 0.25 * sin(3 * t)) / 1.75
        }
    }

    @Test("A vowel is voiced at 8 and 48 kHz; noise, a burst of it and silence are not")
    func voicing() {
        for rate in [8_000, 48_000] {
            let frame = rate / 100
            let probe = { (samples: [Float]) in VoicingProbe(samples: samples, sampleRate: rate, hop: Double(frame)) }
            #expect(probe(Self.voice(12 * frame, pitch: 120, rate: rate)).isVoiced(2..<8) == true)
            #expect(probe(Self.voice(12 * frame, pitch: 350, rate: rate)).isVoiced(2..<8) == true)
            #expect(probe(Self.noise(12 * frame, level: 0.1)).isVoiced(2..<8) == false)
            // A burst: loud noise fading to nothing over 60 ms.
            let burst = Self.noise(6 * frame, level: 0.3).enumerated().map { $1 * Float(6 * frame - $0) / Float(6 * frame) }
            #expect(probe(burst + [Float](repeating: 0, count: 6 * frame)).isVoiced(0..<6) == false)
            #expect(probe([Float](repeating: 0, count: 12 * frame)).isVoiced(2..<8) == false)
            // Too short for one 30 ms window at the end of the recording, or empty: not told.
            #expect(probe(Self.voice(2 * frame, rate: rate)).isVoiced(0..<2) == nil)
            #expect(probe(Self.voice(12 * frame, rate: rate)).isVoiced(4..<4) == nil)
        }
    }

    @Test("The voiceless fricatives are told by their IPA letter, palatalised or not")
    func fricatives() {
        for phoneme in ["s", "ʃ", "f", "x", "sʲ", "θ", "h", "ç"] { #expect(BoundaryMapper.isVoicelessFricative(phoneme), "\(phoneme)") }
        for phoneme in ["v", "z", "ʒ", "k", "tʃ", "ts", "a", "m", "dʲ"] { #expect(!BoundaryMapper.isVoicelessFricative(phoneme), "\(phoneme)") }
        #expect(!BoundaryMapper.isVoicelessFricative(nil))
    }

    @Test("eSpeak NG names each word's first phoneme as it says it, in IPA")
    func firstPhonemes() throws {
        let engine = ESpeakEngine.shared
        let russian = try engine.synthesize(phrases: [["В", "текущий", "момент"], ["Квебек", "..."]], language: "ru")
        // "В" before a voiceless consonant is said [f]: where the word begins, phonetically.
        #expect(russian.firstPhoneme(phrase: 0, word: 0) == "f")
        #expect(russian.firstPhoneme(phrase: 0, word: 1)?.hasPrefix("t") == true)
        #expect(russian.firstPhoneme(phrase: 0, word: 2) == "m")
        #expect(russian.firstPhoneme(phrase: 1, word: 0) == "k")
        // A word with nothing to say has no phoneme.
        #expect(russian.firstPhoneme(phrase: 1, word: 1) == nil)
        #expect(russian.firstPhoneme(phrase: 2, word: 0) == nil)
        let french = try engine.synthesize(phrases: [["juliet", "oscar", "star"]], language: "fr")
        #expect(french.wordFirstPhonemes == [["ʒ", "ɔ", "s"]])
    }

    /// A word at −20 dB ending in a stop: its closure (80 ms of silence at −80 dB), its release
    /// (`island`, 60 ms at −45 dB), the gap before the next word (40 ms), then the next word;
    /// 100 ms of silence at either end. Unless told otherwise the path put the junction over both
    /// silences (frames 50–66). The samples of the release are noise (a burst) or, when
    /// `voicedIsland`, a voice. The next word opens with `phoneme` and lasts `wordFrames`
    /// synthetic frames. Returns each junction's start (nil if the pauses are not as drawn).
    static func junctions(phoneme: String?, wordFrames: Int = 30, voicedIsland: Bool = false, ends: [Double] = [50],
                          starts: [Double] = [66], reachAfter: Double = 40, withOpenings: Bool = true,
                          settings: SynthesisDTWAligner.Settings = .init()) -> [Double]? {
        let energies = [Float](repeating: -80, count: 10) + [Float](repeating: -20, count: 40) + [Float](repeating: -80, count: 8)
            + [Float](repeating: -45, count: 6) + [Float](repeating: -80, count: 4) + [Float](repeating: -20, count: 40)
            + [Float](repeating: -80, count: 10)
        var mapper = AlignerTests.pauseMapper(energies, settings: settings)
        let frame = rate / 100
        let island = voicedIsland ? voice(6 * frame, level: 0.02) : noise(6 * frame, level: 0.02)
        let samples = noise(58 * frame, level: 0.0001, seed: 1) + island + noise(54 * frame, level: 0.0001, seed: 2)
        mapper.voicing = VoicingProbe(samples: samples, sampleRate: rate, hop: Double(frame))
        let pauses = mapper.recordingActivity.pauses(minimumFrames: 2)
        guard pauses == [0..<10, 50..<58, 64..<68, 108..<118] else { return nil }
        let openings = ends.map { _ in BoundaryMapper.Opening(phoneme: phoneme, wordFrames: wordFrames) }
        return mapper.resolveJunctions(ends: ends, starts: starts, pauses: pauses, reachBefore: 20, reachAfter: reachAfter, margin: 2,
                                       openings: withOpenings ? openings : nil).map(\.start)
    }

    @Test("The release goes with its word: the next word starts after the gap, not after the closure")
    func releaseKept() {
        // Without openings (or switched off), the longer closure wins: the next word starts a
        // margin before the release.
        #expect(Self.junctions(phoneme: "ɔ", withOpenings: false) == [56])
        var off = SynthesisDTWAligner.Settings()
        off.finalReleaseLongestMs = 0
        #expect(Self.junctions(phoneme: "ɔ", settings: off) == [56])
        // With them, a margin before the next word's onset.
        #expect(Self.junctions(phoneme: "ɔ") == [66])
        #expect(Self.junctions(phoneme: "k") == [66])
    }

    @Test("A voiced island, an island longer than a release, or a next word opening with [s] keep the first pause")
    func islandOfTheNextWord() {
        // A syllable: the next word's, cut by its own closure.
        #expect(Self.junctions(phoneme: "ɔ", voicedIsland: true) == [56])
        // [s] before a stop's closure ("star") is a voiceless island of the next word.
        #expect(Self.junctions(phoneme: "s") == [56])
        var short = SynthesisDTWAligner.Settings()
        short.finalReleaseLongestMs = 50
        #expect(Self.junctions(phoneme: "ɔ", settings: short) == [56])
    }

    @Test("A next word no longer than a release, or one whose phoneme is unknown, keeps the first pause")
    func shortOrUnknownNextWord() {
        // Russian "к" before "тому": the whole word may be the island (its burst).
        #expect(Self.junctions(phoneme: "k", wordFrames: 8) == [56])
        #expect(Self.junctions(phoneme: "k", wordFrames: 13) == [66])
        #expect(Self.junctions(phoneme: nil) == [56])
    }

    @Test("A later pause held by another junction, or out of reach, is not taken")
    func nextPauseTakenOrFar() {
        // The second junction, which the path put at the gap, holds it: the first keeps its
        // closure, the second its gap.
        #expect(Self.junctions(phoneme: "ɔ", ends: [50, 64], starts: [52, 67]) == [56, 66])
        // The path put the junction at the closure's start; the gap lies 120 ms after, out of a
        // reach of 30 ms plus twice its length, within one of 400 ms.
        #expect(Self.junctions(phoneme: "ɔ", starts: [52], reachAfter: 3) == [56])
        #expect(Self.junctions(phoneme: "ɔ", starts: [52], reachAfter: 40) == [66])
    }
}
