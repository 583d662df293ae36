/// WebVTT subtitles (W3C), with word timings as cue timestamps so that browsers' `<track>` and
/// karaoke players light words up.
///
/// Writing: one cue per segment (`1`, `2`… as cue ids), the segment's text escaped; when every word
/// of a segment is timed, a timestamp `<hh:mm:ss.ttt>` before each word that does not start where
/// the previous one ended, and after a word followed by a pause, so that every word's start and end
/// read back exactly.
///
/// Reading: a byte order mark, CRLF, header text, `NOTE`, `STYLE` and `REGION` blocks, cue ids and
/// cue settings are accepted; tags (`<v Speaker>`, `<c.x>`, `<i>`, `<b>`, `<u>`, `<lang>`, `<ruby>`)
/// are dropped and entities decoded; lines of a cue are joined by a space. A cue that starts inside
/// the previous one cuts the previous one short. Words take their times from the timestamps around
/// them (words between two timestamps share that span by length); without timestamps they are
/// untimed, except the only word of a cue, which takes the cue's times.
public struct WebVTTFormat: Sendable {
    /// The language given to imported transcripts (WebVTT does not say).
    public var language: String
    /// The kind given to imported transcripts.
    public var kind: TranscriptKind
    /// Finds the words of imported phrases.
    public var tokenizer: Tokenizer

    public init(language: String = "und", kind: TranscriptKind = .transcription, tokenizer: Tokenizer = Tokenizer()) {
        self.language = language
        self.kind = kind
        self.tokenizer = tokenizer
    }

    /// The transcript as a WebVTT file.
    ///
    /// - Throws: ``TranscriptRenderError`` when a segment is untimed or the timings are inconsistent.
    public func render(_ transcript: Transcript) throws(TranscriptRenderError) -> String {
        try transcript.checkRenderable()
        var out = "WEBVTT\n"
        for (i, segment) in transcript.segments.enumerated() {
            let start = segment.startMs!, end = segment.endMs!
            out += "\n\(i + 1)\n\(ClockTime.format(start, separator: ".")) --> \(ClockTime.format(end, separator: "."))\n"
            out += payload(segment) + "\n"
        }
        return out
    }

    private func payload(_ segment: TranscriptSegment) -> String {
        let text = Array(segment.text.utf16)
        let timed = !segment.words.isEmpty && segment.words.allSatisfy(\.isTimed)
        var out = ""
        var position = 0
        var current = segment.startMs!
        func copy(upTo offset: Int) {
            guard offset > position else { return }
            out += Self.escape(String(decoding: text[position..<offset], as: UTF16.self))
            position = offset
        }
        if timed {
            for (w, word) in segment.words.enumerated() {
                copy(upTo: word.offset)
                if word.startMs! != current {
                    out += "<\(ClockTime.format(word.startMs!, separator: "."))>"
                    current = word.startMs!
                }
                copy(upTo: word.offset + word.length)
                let following = w + 1 < segment.words.count ? segment.words[w + 1].startMs! : segment.endMs!
                if word.endMs! != following {
                    out += "<\(ClockTime.format(word.endMs!, separator: "."))>"
                    current = word.endMs!
                }
            }
        }
        copy(upTo: text.count)
        return out
    }

    /// Escapes markup characters and keeps the cue on one line.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\u{85}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Reads a WebVTT file.
    ///
    /// - Throws: ``TranscriptParseError`` with the line of the first problem.
    public func parse(_ text: String) throws(TranscriptParseError) -> Transcript {
        let lines = try TranscriptLines(text).lines
        guard let first = lines.first, first.hasPrefix("WEBVTT"),
              first.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t" else {
            throw TranscriptParseError(line: 1, "a WebVTT file starts with the line WEBVTT")
        }
        // The header runs to the first blank line, or (files written by hand often leave that
        // line out) to the first cue: its timing line, or the cue id just before it.
        var headerEnd = lines.firstIndex { $0.allSatisfy(\.isWhitespace) } ?? lines.count
        if let timing = lines[1..<headerEnd].firstIndex(where: { $0.contains("-->") }) {
            headerEnd = timing - 1 > 0 ? timing - 1 : timing
        }
        var segments: [TranscriptSegment] = []
        for block in CueBlocks(lines[headerEnd...], firstLineNumber: headerEnd + 1).blocks {
            let head = block[0].text
            let timingIndex: Int
            if head.contains("-->") {
                timingIndex = 0
            } else if Self.isBlock(head, named: "NOTE") || Self.isBlock(head, named: "STYLE") || Self.isBlock(head, named: "REGION") {
                continue
            } else {
                guard block.count > 1, block[1].text.contains("-->") else {
                    throw TranscriptParseError(line: block[min(1, block.count - 1)].number,
                                               "expected cue timings like 00:00:01.000 --> 00:00:02.500")
                }
                timingIndex = 1
            }
            let timings = try CueTimings(block[timingIndex], separators: ["."], format: "WebVTT", example: "00:00:01.000 --> 00:00:02.500")
            if let line = block[(timingIndex + 1)...].first(where: { $0.text.contains("-->") }) {
                throw TranscriptParseError(line: line.number, "a cue's text cannot contain \"-->\" (is a blank line missing?)")
            }
            let cue = try CueText(block[(timingIndex + 1)...], timings: timings)
            guard !cue.text.isEmpty else { continue }
            if let previous = segments.last {
                guard timings.startMs >= previous.startMs! else {
                    throw TranscriptParseError(line: block[timingIndex].number, "the cue starts before the previous cue")
                }
                if timings.startMs < previous.endMs! {
                    guard timings.startMs > previous.startMs! else {
                        throw TranscriptParseError(line: block[timingIndex].number, "the cue starts at the same time as the previous cue")
                    }
                    segments[segments.count - 1].cut(at: timings.startMs)
                }
            }
            guard segments.count < ImportLimits.maxSegments else {
                throw TranscriptParseError(line: block[timingIndex].number, "more than \(ImportLimits.maxSegments) cues")
            }
            var segment = TranscriptSegment(text: cue.text, startMs: timings.startMs, endMs: timings.endMs, origin: .import, tokenizer: tokenizer)
            if !cue.timestamps.isEmpty {
                segment.timeWords(at: cue.timestamps)
            } else if segment.words.count == 1 {
                // A cue of one word is that word's time: what our export writes for it, without
                // a timestamp (a timestamp at the cue's start would not be valid WebVTT).
                segment.words[0].setTiming(timings.startMs, timings.endMs, origin: .import)
            }
            segments.append(segment)
        }
        return Transcript(language: language, kind: kind, segments: segments)
    }

    private static func isBlock(_ line: Substring, named name: String) -> Bool {
        line.hasPrefix(name) && (line.count == name.count || line.dropFirst(name.count).first!.isWhitespace)
    }
}
