import Testing
@testable import Alignment
import Transcripts

/// How an aligner's answer becomes the transcript's times.
@Suite("Transcript alignment")
struct TranscriptAlignmentTests {
    /// The aligner's answer for one phrase of words, each word `wordMs` long from `startMs`.
    static func phrase(_ words: [String], startMs: Int, wordMs: Int) -> AlignedPhrase {
        let aligned = words.enumerated().map { k, text in
            AlignedWord(text: text, startMs: startMs + k * wordMs, endMs: startMs + (k + 1) * wordMs, confidence: 0.8)
        }
        return AlignedPhrase(startMs: startMs, endMs: startMs + words.count * wordMs, confidence: 0.7, words: aligned)
    }

    @Test("A leading \"...\" on its own line is not aligned on its own but joins the phrase after it, and is timed")
    func leadingEllipsis() throws {
        let transcript = Transcript(language: "fr", plainText: "...\nBonjour tout le monde.")
        #expect(transcript.segments.map(\.text) == ["...", "Bonjour tout le monde."])
        let (phrases, indices) = transcript.alignmentPhrases
        #expect(phrases == [["Bonjour", "tout", "le", "monde"]] && indices == [1])
        let result = AlignmentResult(phrases: [Self.phrase(phrases[0], startMs: 640, wordMs: 300)], method: .pauses)
        let aligned = transcript.applyingAlignment(result, recordingDurationMs: 3_000)
        #expect(aligned.isFullyTimed)
        // The pause before the phrase it joins.
        #expect(aligned.segments[0].startMs == 0 && aligned.segments[0].endMs == 640)
        #expect(aligned.segments[0].origin == .auto && aligned.segments[0].confidence == 0.7)
        #expect(aligned.segments[1].startMs == 640 && aligned.segments[1].endMs == 1_840)
        #expect(aligned.validationProblems(recordingDurationMs: 3_000).isEmpty)
    }

    @Test("Punctuation alone between two phrases that touch, or at the end, still gets a time of its own")
    func punctuationWithoutRoom() throws {
        let transcript = Transcript(language: "en", plainText: "One two.\n…\nThree four.\n!!")
        #expect(transcript.segments.map(\.text) == ["One two.", "…", "Three four.", "!!"])
        let (phrases, indices) = transcript.alignmentPhrases
        #expect(indices == [0, 2])
        // The two phrases touch (continuous speech), and the second ends with the recording.
        let result = AlignmentResult(phrases: [Self.phrase(phrases[0], startMs: 0, wordMs: 400),
                                               Self.phrase(phrases[1], startMs: 800, wordMs: 600)], method: .pauses)
        let aligned = transcript.applyingAlignment(result, recordingDurationMs: 2_000)
        #expect(aligned.isFullyTimed)
        #expect(aligned.segments[1].startMs == 800 && aligned.segments[1].endMs == 801)
        #expect(aligned.segments[2].startMs == 801 && aligned.segments[2].words[0].startMs == 801)
        #expect(aligned.segments[3].startMs == 1_999 && aligned.segments[3].endMs == 2_000)
        #expect(aligned.segments[2].endMs == 1_999 && aligned.segments[2].words[1].endMs == 1_999)
        #expect(aligned.validationProblems(recordingDurationMs: 2_000).isEmpty)
    }
}
