import Foundation
import TestSupport
import Testing
@testable import Transcripts

/// Our exports read by each format's reference Python library, and files those libraries write
/// read by us (webvtt-py, praatio, pympi-ling; `scripts/install-deps test` installs them).
@Suite("Formats against webvtt-py, praatio and pympi-ling")
struct EcosystemTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ecosystem.py").path

    struct Seen: Decodable {
        struct Cue: Decodable {
            var start: Int
            var end: Int
            var text: String
            var identifier: String?
            var stamps: [Int]?
        }
        struct Tiers: Decodable {
            var tiers: [String]
            var end: Int?
            var parent: String?
            var phrases: [[Value]]
            var words: [[Value]]
        }
        enum Value: Decodable, Equatable {
            case number(Int)
            case text(String)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
        }
        var vtt: [Cue]
        var srt: [Cue]
        var textgrid: Tiers
        var eaf: Tiers
    }

    @Test("Our WebVTT, SRT, TextGrid and EAF exports read by the reference libraries")
    func exportsReadByThem() throws {
        let transcript = try Samples.timed()
        let directory = try ExternalTool.temporaryDirectory("parlons-literacy")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [(String, TranscriptFormat)] = [("t.vtt", .webVTT), ("t.srt", .srt), ("t.TextGrid", .textGrid), ("t.eaf", .eaf)]
        for (name, format) in files {
            try format.render(transcript, recordingDurationMs: Samples.durationMs).write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let output = try ExternalTool.run("python3", [Self.script, "read", directory.path])
        let seen = try JSONDecoder().decode(Seen.self, from: Data(output.stdout.utf8))

        let segments = transcript.segments
        let words = segments.flatMap(\.words)
        #expect(seen.vtt.map(\.start) == segments.map { $0.startMs! })
        #expect(seen.vtt.map(\.end) == segments.map { $0.endMs! })
        #expect(seen.vtt.map(\.text) == segments.map(\.text))
        #expect(seen.vtt.map(\.identifier) == segments.indices.map { String($0 + 1) })
        // Cue timestamps: every word start and pause start, after the cue start.
        for (cue, segment) in zip(seen.vtt, segments) {
            var expected: [Int] = []
            for (w, word) in segment.words.enumerated() {
                if word.startMs! != (expected.last ?? segment.startMs!) { expected.append(word.startMs!) }
                let next = w + 1 < segment.words.count ? segment.words[w + 1].startMs! : segment.endMs!
                if word.endMs! != next { expected.append(word.endMs!) }
            }
            #expect(cue.stamps == expected)
        }
        #expect(seen.srt.map(\.start) == segments.map { $0.startMs! })
        #expect(seen.srt.map(\.text) == segments.map(\.text))

        let phrases = segments.map { [Seen.Value.number($0.startMs!), .number($0.endMs!), .text($0.text)] }
        let wordRows = words.map { [Seen.Value.number($0.startMs!), .number($0.endMs!), .text($0.text)] }
        #expect(seen.textgrid.tiers == ["phrases", "words"])
        #expect(seen.textgrid.end == Samples.durationMs)
        #expect(seen.textgrid.phrases == phrases)
        #expect(seen.textgrid.words == wordRows)
        #expect(seen.eaf.tiers == ["phrases", "words"])
        #expect(seen.eaf.parent == "phrases")
        #expect(seen.eaf.phrases == phrases)
        #expect(seen.eaf.words == wordRows)
    }

    @Test("Files written by webvtt-py, praatio and pympi-ling imported by us")
    func theirFilesReadByUs() throws {
        let transcript = try Samples.timed()
        let directory = try ExternalTool.temporaryDirectory("parlons-literacy")
        defer { try? FileManager.default.removeItem(at: directory) }
        struct Spec: Encodable {
            struct Word: Encodable { var start: Int, end: Int, text: String }
            struct Segment: Encodable { var start: Int, end: Int, text: String, words: [Word] }
            var segments: [Segment]
        }
        // Contiguous words (as karaoke cues carry them): each word ends where the next starts.
        var contiguous = transcript
        try contiguous.moveBoundary(.wordStart(WordPosition(segment: 0, word: 1)), to: 700, recordingDurationMs: Samples.durationMs, alone: true)
        let spec = Spec(segments: contiguous.segments.map { segment in
            Spec.Segment(start: segment.startMs!, end: segment.endMs!, text: segment.text,
                         words: segment.words.map { Spec.Word(start: $0.startMs!, end: $0.endMs!, text: $0.text) })
        })
        try JSONEncoder().encode(spec).write(to: directory.appendingPathComponent("spec.json"))
        try ExternalTool.run("python3", [Self.script, "write", directory.path])
        func read(_ name: String) throws -> String {
            try TranscriptText.decode(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        let expected = Samples.imported(contiguous)

        for name in ["py-long.TextGrid", "py-short.TextGrid", "py.eaf"] {
            let text = try read(name)
            let format = TranscriptFormat.detect(text)
            #expect(format == (name.hasSuffix("eaf") ? .eaf : .textGrid))
            #expect(try format.parse(text, language: "fr") == expected, "\(name)")
        }
        let srt = try read("py.srt")
        #expect(TranscriptFormat.detect(srt) == .srt)
        #expect(try SRTFormat(language: "fr").parse(srt) == Samples.withoutWordTimes(expected))

        // webvtt-py's cues mark only word starts, so each word runs to the next one (or the cue end).
        let vtt = try read("py.vtt")
        #expect(TranscriptFormat.detect(vtt) == .webVTT)
        let back = try WebVTTFormat(language: "fr").parse(vtt)
        #expect(back.segments.map(\.text) == expected.segments.map { $0.words.map(\.text).joined(separator: " ") })
        for (segment, original) in zip(back.segments, expected.segments) {
            #expect(segment.startMs == original.startMs && segment.endMs == original.endMs)
            #expect(segment.words.map(\.startMs) == original.words.map(\.startMs))
            #expect(segment.words.last?.endMs == original.endMs)
        }
    }
}
