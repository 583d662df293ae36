/// SubRip subtitles (`.srt`): numbered cues with `hh:mm:ss,ttt` times. SRT has no word timings, so
/// imported words are untimed and exported ones lose their times.
///
/// Reading accepts a byte order mark, CRLF, a missing or wrong cue number, `.` instead of `,`,
/// coordinates after the times, and drops `<i>`, `<b>`, `<u>`, `<font …>` tags and `{\an8}`-style
/// codes; lines of a cue are joined by a space.
public struct SRTFormat: Sendable {
    /// The language given to imported transcripts (SRT does not say).
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

    /// The transcript as an SRT file.
    ///
    /// - Throws: ``TranscriptRenderError`` when a segment is untimed or the timings are inconsistent.
    public func render(_ transcript: Transcript) throws(TranscriptRenderError) -> String {
        try transcript.checkRenderable()
        var out = ""
        for (i, segment) in transcript.segments.enumerated() {
            if i > 0 { out += "\n" }
            let text = String(segment.text.map { $0.isNewline ? " " : $0 })
            out += "\(i + 1)\n\(ClockTime.format(segment.startMs!, separator: ",")) --> \(ClockTime.format(segment.endMs!, separator: ","))\n\(text)\n"
        }
        return out
    }

    /// Reads an SRT file.
    ///
    /// - Throws: ``TranscriptParseError`` with the line of the first problem.
    public func parse(_ text: String) throws(TranscriptParseError) -> Transcript {
        let lines = try TranscriptLines(text).lines
        var segments: [TranscriptSegment] = []
        for block in CueBlocks(lines[...], firstLineNumber: 1).blocks {
            let timingIndex = block[0].text.contains("-->") ? 0 : 1
            guard timingIndex < block.count, block[timingIndex].text.contains("-->") else {
                throw TranscriptParseError(line: block[min(1, block.count - 1)].number,
                                           "expected a cue number, then timings like 00:00:01,000 --> 00:00:02,500")
            }
            if timingIndex == 1 && !block[0].text.trimmingWhitespace().allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw TranscriptParseError(line: block[0].number, "expected a cue number, found \"\(block[0].text.prefix(40))\"")
            }
            let timings = try CueTimings(block[timingIndex], separators: [",", "."], format: "SRT", example: "00:00:01,000 --> 00:00:02,500")
            let body = block[(timingIndex + 1)...].map { Self.stripTags($0.text) }.joined(separator: " ")
            let cueText = AnnotationTiers.oneLine(body)
            guard !cueText.isEmpty else { continue }
            if let previous = segments.last {
                guard timings.startMs > previous.startMs! else {
                    throw TranscriptParseError(line: block[timingIndex].number, "the cue starts before the previous cue ends")
                }
                if timings.startMs < previous.endMs! { segments[segments.count - 1].cut(at: timings.startMs) }
            }
            guard segments.count < ImportLimits.maxSegments else {
                throw TranscriptParseError(line: block[timingIndex].number, "more than \(ImportLimits.maxSegments) cues")
            }
            segments.append(TranscriptSegment(text: cueText, startMs: timings.startMs, endMs: timings.endMs, origin: .import, tokenizer: tokenizer))
        }
        return Transcript(language: language, kind: kind, segments: segments)
    }

    /// The text without HTML-like tags and `{\…}` override codes.
    static func stripTags(_ line: Substring) -> String {
        var out = ""
        var rest = line[...]
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "{" }) {
            out += rest[..<open]
            let closer: Character = rest[open] == "<" ? ">" : "}"
            let inside = rest[rest.index(after: open)...]
            let isTag = rest[open] == "{" ? inside.first == "\\" : (inside.first.map { $0.isLetter || $0 == "/" } ?? false)
            if isTag, let close = inside.firstIndex(of: closer) {
                rest = rest[rest.index(after: close)...]
            } else {
                out.append(rest[open])
                rest = inside
            }
        }
        return out + rest
    }
}
