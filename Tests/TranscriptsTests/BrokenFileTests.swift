import Foundation
import TestSupport
import Testing
@testable import Transcripts

/// Broken imports give a ``TranscriptParseError`` naming the line (the API's 400), never a crash.
@Suite("Broken files")
struct BrokenFileTests {
    func error(_ format: TranscriptFormat, _ text: String) -> TranscriptParseError? {
        do {
            _ = try format.parse(text)
            return nil
        } catch {
            return error
        }
    }

    static let cases: [(TranscriptFormat, String, Int, String)] = [
        (.webVTT, "WEBVT\n\n00:00.000 --> 00:01.000\nHi", 1, "WEBVTT"),
        (.webVTT, "WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nBonjour", 3, "before it starts"),
        (.webVTT, "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nBonjour\n\n2\n00:00:0x.000 --> 00:00:03.000\nSalut", 8, "not a WebVTT time"),
        (.webVTT, "WEBVTT\n\nid only\nBonjour", 4, "cue timings"),
        (.webVTT, "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nBon<00:00:09.000>jour", 4, "outside its cue"),
        (.webVTT, "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nA <00:00:03.000>b <00:00:02.000>c", 4, "earlier"),
        (.webVTT, "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nA <b unclosed", 4, "not closed"),
        (.webVTT, "WEBVTT\n\n00:00:02.000 --> 00:00:05.000\nA\n\n00:00:01.000 --> 00:00:03.000\nB", 6, "before the previous"),
        (.webVTT, "WEBVTT\n\n99999999:00:00.000 --> 99999999:00:01.000\nA", 3, "not a WebVTT time"),
        (.webVTT, "\u{FEFF}WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nA\r\n00:00:03.000 --> 00:00:04.000\r\nB", 5, "-->"),
        (.srt, "1\n00:00:01,000 --> 00:00:02,000\nBonjour\n\n2\n00:00:03,000 -> 00:00:04,000\nSalut", 6, "cue number, then timings"),
        (.srt, "1\n00:00:01,000 --> 00:00:02,000\nBonjour\n\nDeux\n00:00:03,000 --> 00:00:04,000\nSalut", 5, "cue number"),
        (.srt, "1\n00:00:05,000 --> 00:00:02,000\nBonjour", 2, "before it starts"),
        (.srt, "1\n00:00:01,000 --> 00:61:02,000\nBonjour", 2, "not a SRT time"),
        (.srt, "1\n00:00:01,000 -->\nBonjour", 2, "no end time"),
        (.textGrid, "File type = \"ooBinaryFile\"\n", 1, "binary"),
        (.textGrid, "File type = \"ooTextFile\"\nObject class = \"Pitch 1\"\n", 2, "not a TextGrid"),
        (.textGrid, "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 2\ntiers? <absent>\n", 6, "no tiers"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "xmin = 0.9 ", with: "xmin = 2.5 "), 24, "ends"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "xmin = 0.9 ", with: "xmin = 0.5 "), 24, "starts before"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "intervals: size = 3", with: "intervals: size = 1e300"), 14, "whole number"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "xmax = 2 ", with: "xmax = 1e30 "), 5, "beyond"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "\"Salut\"", with: "\"Salut"), 26, "never closed"),
        (.textGrid, String(TextGrids.long.prefix(300)), 17, "ends where"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "IntervalTier", with: "FancyTier"), 10, "unknown tier class"),
        (.textGrid, TextGrids.long.replacingOccurrences(of: "size = 1 \nitem", with: "size = 0 \nitem"), 7, "no interval tier"),
        (.eaf, "<ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"10\"/>\n</TIME_ORDER>\n<TIER TIER_ID=\"p\"><ANNOTATION>", 3, "XML"),
        (.eaf, "<?xml version=\"1.0\"?>\n<ANNOTATION_DOCUMENT>\n<TIME_ORDER>\n<TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"-5\"/>\n</TIME_ORDER></ANNOTATION_DOCUMENT>", 4, "milliseconds"),
        (.eaf, "<?xml version=\"1.0\"?>\n<ANNOTATION_DOCUMENT>\n<TIME_ORDER/>\n</ANNOTATION_DOCUMENT>\n", 2, "no tiers"),
        (.eaf, EAFs.one(slot2: "ts9"), 7, "ts9"),
        (.eaf, EAFs.one(value2: "100"), 7, "before it starts"),
        (.eaf, EAFs.one(value2: "99999999999999999999"), 4, "milliseconds"),
        (.eaf, "<html><body>no</body></html>", 1, "ANNOTATION_DOCUMENT"),
        (.eaf, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<ANNOTATION_DOCUMENT>&e;</ANNOTATION_DOCUMENT>", 2, "DOCTYPE"),
        // Both crashed the process inside FoundationXML (a processing instruction without data):
        // the first found by Fuzz/run eaf, the second next to it.
        (.eaf, "<?xml version=\">\n<a\">\n<?m?>\n<ANNOTATION_DOCUMENT></ANNOTATION_DOCUMENT>\n", 1, "XML declaration"),
        (.eaf, "<?xml version=\"1.0\"?>\n<!DOCTYPE ANNOTATION_DOCUMENT [<!ENTITY e \"&#60;?m?>\">]>\n<ANNOTATION_DOCUMENT>&e;</ANNOTATION_DOCUMENT>\n", 2, "DOCTYPE"),
        (.json, "{\"segments\": [\n {\"text\": \"Bonjour\",\n  \"startMs\": 5 \"endMs\": 6}\n]}", 3, "not well-formed"),
        (.json, "{\"segments\": [\n {\"text\": \"A\"},\n {\"startMs\": 1}\n]}", 3, "lacks \"text\""),
        (.json, "{\"segments\": [\n {\"text\": \"A\"},\n {\"text\": \"B\", \"startMs\": \"soon\"}\n]}", 3, "wrong type"),
        (.json, "{\"segments\": [\n {\"text\": \"A\"},\n {\"text\": \"B\",\n  \"startMs\": 900, \"endMs\": 100}\n]}", 3, "before it starts"),
        (.json, "{\"segments\": [\n {\"text\": \"Bonjour madame\", \"startMs\": 0, \"endMs\": 900, \"words\": [\n  {\"text\": \"Bonjour\", \"startMs\": 0, \"endMs\": 400},\n  {\"text\": \"monsieur\"}\n ]}\n]}", 4, "not in the segment"),
        (.json, "{\"segments\": [\n {\"text\": \"Bonjour madame\", \"startMs\": 0, \"endMs\": 900, \"words\": [\n  {\"text\": \"Bonjour\", \"startMs\": 0, \"endMs\": 400},\n  {\"text\": \"madame\", \"startMs\": 300, \"endMs\": 950}\n ]}\n]}", 4, "word 2"),
        (.json, "{\"segments\": 3}", 1, "wrong type"),
        (.json, "{\"segments\": [{\"text\": \"a\", \"startMs\": 1e300, \"endMs\": 2}]}", 1, "startMs"),
    ]

    @Test("Each broken file names its line", arguments: cases.indices)
    func brokenFile(_ index: Int) {
        let (format, text, line, words) = Self.cases[index]
        let error = error(format, text)
        #expect(error?.line == line, "\(format): \(error.map(String.init(describing:)) ?? "parsed")")
        #expect(error?.message.contains(words) == true, "\(format): \(error.map(String.init(describing:)) ?? "parsed")")
    }

    @Test("Cut short anywhere or with bytes flipped, no export crashes the importers", arguments: [TranscriptFormat.webVTT, .srt, .textGrid, .eaf, .json])
    func mutations(_ format: TranscriptFormat) throws {
        let text = try format.render(try Samples.timed(), recordingDurationMs: Samples.durationMs)
        let scalars = Array(text.unicodeScalars)
        var random = SplitMix(seed: 7)
        let cuts = stride(from: 0, to: scalars.count, by: max(1, scalars.count / 150))
        for cut in cuts {
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[..<cut])
            _ = try? format.parse(String(piece))
        }
        let noise: [Unicode.Scalar] = ["<", ">", "\"", "\n", "-", ":", ".", ",", "0", "9", "&", "{", "}", "[", "]", "é", "\u{0}"]
        for _ in 0..<300 {
            var mutated = scalars
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                mutated[Int.random(in: 0..<mutated.count, using: &random)] = noise.randomElement(using: &random)!
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: mutated)
            if let transcript = try? format.parse(String(view)) {
                // Whatever is accepted is a sound transcript.
                #expect(transcript.validationProblems().isEmpty, "\(format)")
            }
        }
    }

    @Test("Text decoding: UTF-8 with BOM, UTF-16 both ways, and bad bytes named by line")
    func decoding() throws {
        #expect(try TranscriptText.decode([0xEF, 0xBB, 0xBF] + Array("é".utf8)) == "é")
        #expect(try TranscriptText.decode([0xFF, 0xFE, 0xE9, 0x00, 0x0A, 0x00]) == "é\n")
        #expect(try TranscriptText.decode([0xFE, 0xFF, 0x00, 0xE9]) == "é")
        #expect(throws: TranscriptParseError(line: 2, "the file is not UTF-8 or UTF-16 text")) {
            try TranscriptText.decode(Array("a\nb".utf8) + [0xC3, 0x28])
        }
    }
}

enum TextGrids {
    static let long = """
        File type = "ooTextFile"
        Object class = "TextGrid"

        xmin = 0 
        xmax = 2 
        tiers? <exists> 
        size = 1 
        item []: 
            item [1]:
                class = "IntervalTier" 
                name = "phrases" 
                xmin = 0 
                xmax = 2 
                intervals: size = 3 
                intervals [1]:
                    xmin = 0 
                    xmax = 0.8 
                    text = "Bonjour" 
                intervals [2]:
                    xmin = 0.8 
                    xmax = 0.9 
                    text = "" 
                intervals [3]:
                    xmin = 0.9 
                    xmax = 2 
                    text = "Salut" 

        """
}

enum EAFs {
    static func one(slot2: String = "ts2", value2: String = "900") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
            <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="500"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="\(value2)"/></TIME_ORDER>
            <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="phrases">
                <ANNOTATION>
                    <ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="\(slot2)">
                        <ANNOTATION_VALUE>Bonjour</ANNOTATION_VALUE>
                    </ALIGNABLE_ANNOTATION>
                </ANNOTATION>
            </TIER>
        </ANNOTATION_DOCUMENT>
        """
    }
}
