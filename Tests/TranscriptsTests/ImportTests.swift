import Testing
@testable import Transcripts

/// Files as other tools write them.
@Suite("Imports of real-world files")
struct ImportTests {
    @Test("WebVTT: header, NOTE/STYLE/REGION, cue settings, voice and class tags, entities, CRLF, multi-line cues")
    func webVTTFeatures() throws {
        let vtt = """
            \u{FEFF}WEBVTT - Cours de français\r
            Kind: captions\r
            \r
            STYLE\r
            ::cue { color: yellow }\r
            \r
            REGION\r
            id:bas width:40%\r
            \r
            NOTE Une remarque\r
            sur deux lignes\r
            \r
            intro\r
            00:01.000 --> 00:04.000 align:start position:10%\r
            <v.loud Amina>Bonjour &amp; <c.yellow>bienvenue</c> !</v>\r
            <i>Ça va ?</i>\r
            \r
            00:00:05.000 --> 00:00:07.000\r
            Au <00:00:05.500>revoir <00:00:06.200>madame&nbsp;!\r

            """
        let transcript = try WebVTTFormat(language: "fr").parse(vtt)
        #expect(transcript.segments.map(\.text) == ["Bonjour & bienvenue ! Ça va ?", "Au revoir madame\u{00A0}!"])
        #expect(transcript.segments[0].startMs == 1000 && transcript.segments[0].endMs == 4000)
        #expect(transcript.segments[0].words.allSatisfy { !$0.isTimed })
        let words = transcript.segments[1].words
        #expect(words.map(\.text) == ["Au", "revoir", "madame"])
        #expect(words.map(\.startMs) == [5000, 5500, 6200] && words.map(\.endMs) == [5500, 6200, 7000])
        #expect(transcript.validationProblems().isEmpty)
    }

    @Test("WebVTT: words between two timestamps share the span; overlapping cues are cut")
    func webVTTSpansAndOverlaps() throws {
        let vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\naa bbbb <00:00:01.200>cc\n\n00:00:02.000 --> 00:00:04.000\nSuite\n"
        let transcript = try WebVTTFormat().parse(vtt)
        let words = transcript.segments[0].words
        #expect(words.map(\.startMs) == [0, 400, 1200])
        #expect(words.map(\.endMs) == [400, 1200, 2000])  // "cc" is cut where the next cue starts
        #expect(transcript.segments[0].endMs == 2000)
        #expect(transcript.validationProblems().isEmpty)
    }

    @Test("WebVTT written by hand without the blank line after WEBVTT: the first cue is kept", arguments: [
        "WEBVTT\n00:00:00.500 --> 00:00:01.000\nBonjour\n\n00:00:01.000 --> 00:00:02.000\nAmina\n",
        "WEBVTT\n1\n00:00:00.500 --> 00:00:01.000\nBonjour\n\n2\n00:00:01.000 --> 00:00:02.000\nAmina\n",
        "WEBVTT - made by hand\n\n00:00:00.500 --> 00:00:01.000\nBonjour\n\n00:00:01.000 --> 00:00:02.000\nAmina\n",
    ])
    func webVTTWithoutBlankLineAfterHeader(_ vtt: String) throws {
        let transcript = try WebVTTFormat().parse(vtt)
        #expect(transcript.segments.map(\.text) == ["Bonjour", "Amina"])
        #expect(transcript.segments.map(\.startMs) == [500, 1_000])
    }

    @Test("SRT: tags and override codes dropped, dots accepted, no cue numbers accepted")
    func srtFeatures() throws {
        let srt = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,500 X1:10 X2:20 Y1:5 Y2:6\r\n{\\an8}<i>Bonjour</i> <font color=\"red\">madame</font>\r\n\r\n00:00:03.000 --> 00:00:04.000\r\nÀ <b>bientôt</b> ! 3 < 4\r\n"
        let transcript = try SRTFormat().parse(srt)
        #expect(transcript.segments.map(\.text) == ["Bonjour madame", "À bientôt ! 3 < 4"])
        #expect(transcript.segments.map(\.startMs) == [1000, 3000])
    }

    @Test("TextGrid with only a word tier (a forced aligner's): phrases cut at long pauses")
    func textGridWordsOnly() throws {
        let grid = """
            File type = "ooTextFile"
            Object class = "TextGrid"

            0
            5
            <exists>
            2
            "IntervalTier"
            "words"
            0
            5
            5
            0
            0.5
            "bonjour"
            0.5
            1.0
            "madame"
            1.0
            2.0
            ""
            2.0
            2.5
            "ça"
            2.5
            5
            "va"
            "TextTier"
            "events"
            0
            5
            1
            1.5
            "cough"

            """
        let transcript = try TextGridFormat().parse(grid)
        #expect(transcript.segments.map(\.text) == ["bonjour madame", "ça va"])
        #expect(transcript.segments.map(\.startMs) == [0, 2000] && transcript.segments.map(\.endMs) == [1000, 5000])
        #expect(transcript.segments[1].words.map(\.endMs) == [2500, 5000])
        #expect(transcript.validationProblems().isEmpty)
    }

    @Test("TextGrid with unnamed tiers: the first holds phrases, the second words; labels split by the tokenizer share their time")
    func textGridUnnamedTiers() throws {
        var grid = FormatRoundTripTests.shortTextGrid(try TextGridFormat().render(try Samples.timed()))
        grid = grid.replacingOccurrences(of: "\"phrases\"", with: "\"tier A\"").replacingOccurrences(of: "\"words\"", with: "\"tier B\"")
        #expect(try TextGridFormat(language: "fr").parse(grid) == Samples.imported(try Samples.timed()))

        // A word interval labelled with two of our words.
        let joined = TextGrids.long.replacingOccurrences(of: "size = 1 \nitem", with: "size = 2 \nitem")
            + "        item [2]:\n            class = \"IntervalTier\"\n            name = \"words\"\n            xmin = 0\n            xmax = 2\n"
            + "            intervals: size = 1\n            intervals [1]:\n                xmin = 0.9\n                xmax = 1.9\n                text = \"Salut\"\n"
        let transcript = try TextGridFormat().parse(joined.replacingOccurrences(of: "\"Salut\"", with: "\"Salut toi\""))
        #expect(transcript.segments[1].words.map(\.startMs) == [900, 1525])  // 5 and 3 letters of 1 s
        #expect(transcript.segments[1].words.map(\.endMs) == [1525, 1900])
    }

    @Test("EAF as ELAN writes it: a symbolic child tier, an unaligned slot, other tiers ignored")
    func eafFeatures() throws {
        let eaf = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-05-01T10:00:00+02:00" FORMAT="3.0" VERSION="3.0">
                <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"><MEDIA_DESCRIPTOR MEDIA_URL="file:///a.wav" MIME_TYPE="audio/x-wav"/></HEADER>
                <TIME_ORDER>
                    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="100"/>
                    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1500"/>
                    <TIME_SLOT TIME_SLOT_ID="ts3"/>
                    <TIME_SLOT TIME_SLOT_ID="ts4"/>
                </TIME_ORDER>
                <TIER LINGUISTIC_TYPE_REF="utterance" PARTICIPANT="Amina" TIER_ID="Amina">
                    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                        <ANNOTATION_VALUE>Bonjour &amp; merci</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                        <ANNOTATION_VALUE>Pas encore aligné</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
                </TIER>
                <TIER LINGUISTIC_TYPE_REF="translation" PARENT_REF="Amina" TIER_ID="Amina-en">
                    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a1"><ANNOTATION_VALUE>Hello and thanks</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
                </TIER>
                <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="utterance" TIME_ALIGNABLE="true"/>
                <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="translation" TIME_ALIGNABLE="false"/>
            </ANNOTATION_DOCUMENT>
            """
        let transcript = try EAFFormat(language: "fr").parse(eaf)
        #expect(transcript.segments.map(\.text) == ["Bonjour & merci", "Pas encore aligné"])
        #expect(transcript.segments[0].startMs == 100 && transcript.segments[0].endMs == 1500)
        #expect(!transcript.segments[1].isTimed)
        #expect(transcript.validationProblems().isEmpty)
    }
}
