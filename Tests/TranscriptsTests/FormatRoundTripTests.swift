import Foundation
import Testing
@testable import Transcripts

@Suite("Formats: export then import gives the same transcript")
struct FormatRoundTripTests {
    @Test("WebVTT keeps phrases, words and every word time (cue timestamps)")
    func webVTT() throws {
        let transcript = try Samples.timed()
        let vtt = try WebVTTFormat().render(transcript)
        #expect(vtt.hasPrefix("WEBVTT\n\n1\n00:00:00.500 --> "))
        #expect(vtt.contains("Bonjour<00:00:00.700>, <00:00:00.900>je"))
        let back = try WebVTTFormat(language: "fr").parse(vtt)
        #expect(back == Samples.imported(transcript))
    }

    @Test("SRT keeps phrases and their times; words come back untimed")
    func srt() throws {
        let transcript = try Samples.timed()
        let srt = try SRTFormat().render(transcript)
        #expect(srt.hasPrefix("1\n00:00:00,500 --> "))
        let back = try SRTFormat(language: "fr").parse(srt)
        #expect(back == Samples.withoutWordTimes(Samples.imported(transcript)))
    }

    @Test("TextGrid (long format) keeps phrases and words; tiers cover the recording")
    func textGrid() throws {
        let transcript = try Samples.timed()
        let grid = try TextGridFormat(recordingDurationMs: Samples.durationMs).render(transcript)
        #expect(grid.contains("xmax = 60 \n"))
        let back = try TextGridFormat(language: "fr").parse(grid)
        #expect(back == Samples.imported(transcript))
    }

    @Test("TextGrid short format reads the same")
    func textGridShort() throws {
        let transcript = try Samples.timed()
        let short = Self.shortTextGrid(try TextGridFormat().render(transcript))
        #expect(!short.contains("xmin"))
        #expect(try TextGridFormat(language: "fr").parse(short) == Samples.imported(transcript))
    }

    @Test("EAF keeps phrases and words")
    func eaf() throws {
        let transcript = try Samples.timed()
        let eaf = try EAFFormat(date: Date(timeIntervalSince1970: 0), mediaURL: "/media/x.opus").render(transcript)
        #expect(eaf.contains("DATE=\"1970-01-01T00:00:00Z\""))
        let back = try EAFFormat(language: "fr").parse(eaf)
        #expect(back == Samples.imported(transcript))
    }

    @Test("JSON keeps everything, origins and confidences included")
    func json() throws {
        var transcript = try Samples.timed()
        transcript.kind = .translation
        transcript.segments[3].setTiming(transcript.segments[3].startMs, transcript.segments[3].endMs, origin: .auto, confidence: 0.25)
        let json = TranscriptJSONFormat().render(transcript)
        #expect(try TranscriptJSONFormat().parse(json) == transcript)
        // The same through the format enum, and untimed transcripts too.
        let plain = Transcript(language: "ar", plainText: "مرحبا، كيف حالك؟")
        #expect(try TranscriptFormat.json.parse(try TranscriptFormat.json.render(plain)) == plain)
    }

    @Test("Partly timed words: TextGrid and EAF keep which words are timed")
    func partlyTimed() throws {
        var transcript = try Samples.timed()
        for w in [1, 3] { transcript.segments[1].words[w].setTiming(nil, nil, origin: nil) }
        for format in [TranscriptFormat.textGrid, .eaf] {
            let back = try format.parse(try format.render(transcript), language: "fr")
            #expect(back == Samples.imported(transcript), "\(format)")
        }
    }

    @Test("Timed formats refuse an untimed transcript")
    func untimed() {
        let plain = Transcript(plainText: "Bonjour.")
        for format in [TranscriptFormat.webVTT, .srt, .textGrid, .eaf] {
            #expect(throws: TranscriptRenderError.untimedSegment(index: 0)) { try format.render(plain) }
        }
        #expect(try! TranscriptFormat.plainText.render(plain) == "Bonjour.\n")
    }

    @Test("Markup characters and quotes survive every format")
    func escaping() throws {
        var transcript = Transcript(language: "en", plainText: "He said \"a < b & c > d\" --> ok?")
        try transcript.applyTaps(Array(stride(from: 100, to: 100 + 300 * transcript.wordCount, by: 300)), recordingDurationMs: 10_000)
        for format in [TranscriptFormat.webVTT, .textGrid, .eaf, .json] {
            let back = try format.parse(try format.render(transcript), language: "en")
            #expect(back.segments.map(\.text) == transcript.segments.map(\.text), "\(format)")
            #expect(back.wordCount == transcript.wordCount)
        }
    }

    /// Praat's short text format for the same grid: values only, no labels.
    static func shortTextGrid(_ long: String) -> String {
        var lines = ["File type = \"ooTextFile\"", "Object class = \"TextGrid\"", ""]
        for line in long.split(separator: "\n").dropFirst(2) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("item") || trimmed.hasPrefix("intervals [") { continue }
            if trimmed.hasPrefix("tiers?") { lines.append("<exists>"); continue }
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            lines.append(trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
