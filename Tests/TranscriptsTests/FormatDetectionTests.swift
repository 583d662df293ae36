import Testing
@testable import Transcripts

@Suite("Format detection and the JSON shape")
struct FormatDetectionTests {
    @Test("Formats are recognised by content")
    func detect() throws {
        let transcript = try Samples.timed()
        for format in [TranscriptFormat.webVTT, .srt, .textGrid, .eaf, .json] {
            #expect(TranscriptFormat.detect(try format.render(transcript)) == format)
        }
        #expect(TranscriptFormat.detect("\u{FEFF}WEBVTT\r\n") == .webVTT)
        #expect(TranscriptFormat.detect("\n  {\"segments\": []}") == .json)
        #expect(TranscriptFormat.detect("00:00:01,000 --> 00:00:02,000\nSalut") == .srt)
        #expect(TranscriptFormat.detect(FormatRoundTripTests.shortTextGrid(try TranscriptFormat.textGrid.render(transcript))) == .textGrid)
        #expect(TranscriptFormat.detect("Bonjour.\n12 pommes --> 3 poires") == .plainText)
        #expect(TranscriptFormat.detect("1\nBonjour") == .plainText)
        #expect(TranscriptFormat.detect("") == .plainText)
    }

    @Test("Extensions and media types")
    func names() {
        #expect(TranscriptFormat(fileExtension: ".TextGrid") == .textGrid)
        #expect(TranscriptFormat(fileExtension: "VTT") == .webVTT)
        #expect(TranscriptFormat(fileExtension: "doc") == nil)
        for format in TranscriptFormat.allCases {
            #expect(TranscriptFormat(fileExtension: format.fileExtension) == format)
        }
        #expect(TranscriptFormat.webVTT.mimeType.hasPrefix("text/vtt"))
    }

    @Test("Plain text import keeps the text as typed, CRLF included")
    func plainText() throws {
        let transcript = try TranscriptFormat.plainText.parse("\u{FEFF}Bonjour.\r\nÇa va ?", language: "fr", kind: .translation)
        #expect(transcript.text == "Bonjour.\nÇa va ?")
        #expect(transcript.segments.map(\.text) == ["Bonjour.", "Ça va ?"])
        #expect(transcript.language == "fr" && transcript.kind == .translation)
    }

    @Test("Our JSON: camelCase keys, sorted, absent times left out")
    func jsonShape() throws {
        var transcript = Transcript(language: "fr", plainText: "Bonjour, l'école !")
        try transcript.applyTaps([0, 600], recordingDurationMs: 2000)
        let json = TranscriptJSONFormat().render(transcript)
        let compact = json.filter { !$0.isWhitespace }
        #expect(compact.hasPrefix("{\"kind\":\"transcription\",\"language\":\"fr\",\"segments\":[{\"endMs\":1200,\"origin\":\"manual\",\"startMs\":0,\"text\":\"Bonjour,l'école!\""))
        #expect(compact.contains("{\"endMs\":600,\"length\":7,\"offset\":0,\"origin\":\"manual\",\"startMs\":0,\"text\":\"Bonjour\"}"))
        #expect(compact.contains("{\"endMs\":1200,\"length\":7,\"offset\":9,\"origin\":\"manual\",\"startMs\":600,\"text\":\"l'école\"}"))
        #expect(!compact.contains("null") && !compact.contains("confidence"))
        let untimed = TranscriptJSONFormat().render(Transcript(plainText: "Salut"))
        #expect(!untimed.contains("startMs"))
    }

    @Test("Our JSON import fills in what a client leaves out")
    func lenientJSON() throws {
        let text = """
            {"segments": [
              {"text": "Bonjour madame.", "startMs": 100, "endMs": 1200},
              {"text": "Ça va ?", "startMs": 1300, "endMs": 2000,
               "words": [{"text": "Ça", "startMs": 1300, "endMs": 1500, "origin": "auto", "confidence": 0.8}, {"text": "va"}]}
            ]}
            """
        let transcript = try TranscriptJSONFormat(language: "fr").parse(text)
        #expect(transcript.language == "fr" && transcript.kind == .transcription)
        #expect(transcript.text == "Bonjour madame.\nÇa va ?")
        #expect(transcript.segments[0].origin == .import)
        #expect(transcript.segments[0].words.map(\.text) == ["Bonjour", "madame"])
        #expect(transcript.segments[1].words[1] == TranscriptWord(text: "va", offset: 3, length: 2))
        #expect(transcript.segments[1].words[0].confidence == 0.8)
    }
}
