import TestSupport
import Testing
@testable import Transcripts

@Suite("Timing edits")
struct TimingEditorTests {
    static let duration = 20_000

    func fresh() -> Transcript { Transcript(language: "fr", plainText: "Bonjour madame.\nJe m'appelle Amina.\nEt vous ?") }

    @Test("Taps time every word: ends follow the next start, segments span their words, all manual")
    func taps() throws {
        var transcript = fresh()
        try transcript.applyTaps([100, 600, 1500, 1900, 2600, 3400, 3800], recordingDurationMs: Self.duration)
        let words = transcript.allWords.map(\.word)
        #expect(words.map(\.startMs) == [100, 600, 1500, 1900, 2600, 3400, 3800])
        #expect(words.map(\.endMs) == [600, 1500, 1900, 2600, 3400, 3800, 4500])  // the last: the median tapped length
        #expect(words.allSatisfy { $0.origin == .manual && $0.confidence == nil })
        #expect(transcript.segments.map(\.startMs) == [100, 1500, 3400])
        #expect(transcript.segments.map(\.endMs) == [1500, 3400, 4500])
        #expect(transcript.validationProblems(recordingDurationMs: Self.duration).isEmpty)
    }

    @Test("The last tapped word never runs past the recording or the next timed word")
    func lastWordEnd() throws {
        var transcript = fresh()
        try transcript.applyTaps([100, 200], recordingDurationMs: 250)
        #expect(transcript.segments[0].words[1].endMs == 250)
        var again = fresh()
        try again.applyTaps([1000, 2000, 3000, 4000, 5000, 6000, 7000], recordingDurationMs: Self.duration)
        try again.applyTaps([100, 300], recordingDurationMs: Self.duration)  // re-tap the first two words
        #expect(again.segments[0].words[1].endMs == 500)  // 300 + median (200), before word 3 at 3000
        #expect(again.segments[0].endMs == 500 && again.segments[1].startMs == 3000)
        #expect(again.validationProblems(recordingDurationMs: Self.duration).isEmpty)
    }

    @Test("Re-tapping from the middle cuts stale words before and untimes stale words after")
    func partialTaps() throws {
        var transcript = fresh()
        try transcript.applyTaps([1000, 2000, 3000, 4000, 5000, 6000, 7000], recordingDurationMs: Self.duration)
        // Re-tap words 2…3 earlier than before: word 1 is cut, words 4… keep their times.
        try transcript.applyTaps([1500, 2500], from: WordPosition(segment: 0, word: 1), recordingDurationMs: Self.duration)
        let words = transcript.allWords.map(\.word)
        #expect(words[0].startMs == 1000 && words[0].endMs == 1500)
        #expect(words[2].startMs == 2500 && words[2].endMs == 3500)  // median length, before the next word
        #expect(words[3].startMs == 4000)
        // Re-tap words 2…3 late: words 4 and 5 started before the last tap and lose their times.
        try transcript.applyTaps([4500, 5500], from: WordPosition(segment: 0, word: 1), recordingDurationMs: Self.duration)
        let later = transcript.allWords.map(\.word)
        #expect(later[3].startMs == nil && later[4].startMs == nil && later[5].startMs == 6000)
        #expect(transcript.validationProblems(recordingDurationMs: Self.duration).isEmpty)
    }

    @Test("Bad taps are refused and change nothing")
    func badTaps() {
        var transcript = fresh()
        let before = transcript
        #expect(throws: TimingEditError.tapsOutOfOrder(index: 1)) { try transcript.applyTaps([500, 500], recordingDurationMs: Self.duration) }
        #expect(throws: TimingEditError.tapOutOfRange(index: 0, ms: -1)) { try transcript.applyTaps([-1], recordingDurationMs: Self.duration) }
        #expect(throws: TimingEditError.tapOutOfRange(index: 1, ms: 20_000)) { try transcript.applyTaps([1, 20_000], recordingDurationMs: Self.duration) }
        #expect(throws: TimingEditError.tooManyTaps(taps: 8, words: 7)) { try transcript.applyTaps(Array(1...8), recordingDurationMs: Self.duration) }
        #expect(throws: TimingEditError.noSuchWord(WordPosition(segment: 9, word: 0))) {
            try transcript.applyTaps([1], from: WordPosition(segment: 9, word: 0), recordingDurationMs: Self.duration)
        }
        #expect(throws: TimingEditError.invalidRecordingDuration(0)) { try transcript.applyTaps([1], recordingDurationMs: 0) }
        #expect(transcript == before)
    }

    @Test("Moving a shared boundary moves both sides; moves are clamped by the neighbours")
    func moves() throws {
        var transcript = fresh()
        try transcript.applyTaps([100, 600, 1500, 1900, 2600, 3400, 3800], recordingDurationMs: Self.duration)
        let bonjour = WordPosition(segment: 0, word: 0), madame = WordPosition(segment: 0, word: 1)
        // The end of "Bonjour" is the start of "madame": both move.
        #expect(try transcript.moveBoundary(.wordEnd(bonjour), to: 700, recordingDurationMs: Self.duration) == 700)
        #expect(transcript[bonjour].endMs == 700 && transcript[madame].startMs == 700)
        // Not past the end of "madame" (which keeps 1 ms), nor before the start of "Bonjour".
        #expect(try transcript.moveBoundary(.wordStart(madame), to: 5000, recordingDurationMs: Self.duration) == 1499)
        #expect(try transcript.moveBoundary(.wordStart(madame), to: 0, recordingDurationMs: Self.duration) == 101)
        // The first word's start is also the segment's start: both move, down to 0.
        #expect(try transcript.moveBoundary(.wordStart(bonjour), to: -50, recordingDurationMs: Self.duration) == 0)
        #expect(transcript.segments[0].startMs == 0)
        // The last boundary cannot pass the recording's end.
        #expect(try transcript.moveBoundary(.segmentEnd(2), to: 99_999, recordingDurationMs: Self.duration) == Self.duration)
        #expect(transcript.segments[2].words.last!.endMs == Self.duration)
        // Moved alone, a word end leaves its segment's end; a segment end cannot cut into its word.
        try transcript.moveBoundary(.wordEnd(WordPosition(segment: 2, word: 1)), to: 4500, recordingDurationMs: Self.duration, alone: true)
        #expect(transcript.segments[2].endMs == Self.duration)
        #expect(try transcript.moveBoundary(.segmentEnd(2), to: 10, recordingDurationMs: Self.duration) == 4500)
        #expect(transcript.segments.allSatisfy { $0.origin == .manual })
        #expect(transcript.validationProblems(recordingDurationMs: Self.duration).isEmpty)
    }

    @Test("Moving an untimed or missing boundary is refused")
    func badMoves() {
        var transcript = fresh()
        #expect(throws: TimingEditError.untimed(.segmentStart(0))) { try transcript.moveBoundary(.segmentStart(0), to: 5, recordingDurationMs: 100) }
        #expect(throws: TimingEditError.noSuchSegment(3)) { try transcript.moveBoundary(.segmentEnd(3), to: 5, recordingDurationMs: 100) }
        #expect(throws: TimingEditError.noSuchWord(WordPosition(segment: 0, word: 5))) {
            try transcript.moveBoundary(.wordEnd(WordPosition(segment: 0, word: 5)), to: 5, recordingDurationMs: 100)
        }
    }

    @Test("Automatic times lose their confidence when a person moves them")
    func manualClearsConfidence() throws {
        var transcript = fresh()
        try transcript.applyTaps([100, 600, 1500, 1900, 2600, 3400, 3800], recordingDurationMs: Self.duration)
        transcript.segments[0].words[0].setTiming(100, 600, origin: .auto, confidence: 0.4)
        transcript.segments[0].words[1].setTiming(600, 1500, origin: .auto, confidence: 0.9)
        try transcript.moveBoundary(.wordEnd(WordPosition(segment: 0, word: 0)), to: 650, recordingDurationMs: Self.duration)
        #expect(transcript.segments[0].words[0].origin == .manual && transcript.segments[0].words[0].confidence == nil)
        #expect(transcript.segments[0].words[1].origin == .manual && transcript.segments[0].words[1].confidence == nil)
    }

    @Test("Random taps and moves always keep the invariants", arguments: 0..<40)
    func randomEdits(_ seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        var transcript = Transcript(language: "fr", plainText: Samples.text)
        let duration = Int.random(in: 2_000...60_000, using: &random)
        for _ in 0..<30 {
            let words = transcript.allWords
            if Bool.random(using: &random) || words.allSatisfy({ !$0.word.isTimed }) {
                let from = Int.random(in: 0..<words.count, using: &random)
                let count = Int.random(in: 1...(words.count - from), using: &random)
                let taps = Set((0..<count).map { _ in Int.random(in: 0..<duration, using: &random) }).sorted()
                try transcript.applyTaps(taps, from: words[from].position, recordingDurationMs: duration)
            } else {
                let timed = words.filter(\.word.isTimed)
                let pick = timed[Int.random(in: 0..<timed.count, using: &random)].position
                let boundary: TimingBoundary = switch Int.random(in: 0..<4, using: &random) {
                case 0: .wordStart(pick)
                case 1: .wordEnd(pick)
                case 2: .segmentStart(pick.segment)
                default: .segmentEnd(pick.segment)
                }
                let target = Int.random(in: -1000...(duration + 1000), using: &random)
                let landed = try transcript.moveBoundary(boundary, to: target, recordingDurationMs: duration, alone: Bool.random(using: &random))
                #expect((0...duration).contains(landed))
            }
            let problems = transcript.validationProblems(recordingDurationMs: duration)
            #expect(problems.isEmpty, "seed \(seed): \(problems)")
            if !problems.isEmpty { return }
        }
    }
}
