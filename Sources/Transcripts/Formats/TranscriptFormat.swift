/// The file formats a transcript is imported from and exported to, with what the HTTP layer needs
/// to serve them.
public enum TranscriptFormat: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Typed text: segments at line breaks and sentence ends, untimed (import only).
    case plainText
    /// The API's own JSON (``TranscriptJSONFormat``).
    case json
    /// WebVTT, with word timings as cue timestamps.
    case webVTT
    /// SubRip, phrase timings only.
    case srt
    /// Praat TextGrid, phrase and word tiers.
    case textGrid
    /// ELAN EAF 3.0, phrase and word tiers.
    case eaf

    /// The usual file extension, without its dot.
    public var fileExtension: String {
        switch self {
        case .plainText: "txt"
        case .json: "json"
        case .webVTT: "vtt"
        case .srt: "srt"
        case .textGrid: "TextGrid"
        case .eaf: "eaf"
        }
    }

    /// The media type to serve it with.
    public var mimeType: String {
        switch self {
        case .plainText: "text/plain; charset=utf-8"
        case .json: "application/json"
        case .webVTT: "text/vtt; charset=utf-8"
        case .srt: "application/x-subrip; charset=utf-8"
        case .textGrid: "text/plain; charset=utf-8"
        case .eaf: "application/xml; charset=utf-8"
        }
    }

    /// The format for a file extension (`vtt`, `.TextGrid`, any case), or nil.
    public init?(fileExtension: String) {
        let name = (fileExtension.hasPrefix(".") ? String(fileExtension.dropFirst()) : fileExtension).lowercased()
        switch name {
        case "txt", "text": self = .plainText
        case "json": self = .json
        case "vtt", "webvtt": self = .webVTT
        case "srt": self = .srt
        case "textgrid": self = .textGrid
        case "eaf": self = .eaf
        default: return nil
        }
    }

    /// Recognises a text's format from its content (never from a name or a declared type):
    /// `WEBVTT` first line, `File type = "ooTextFile"`, `<ANNOTATION_DOCUMENT`, a JSON object, a
    /// numbered cue with `-->` (SRT), else plain text.
    public static func detect(_ text: String) -> TranscriptFormat {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let start = body.drop { $0.isWhitespace }
        if body.hasPrefix("WEBVTT") { return .webVTT }
        let head = start.prefix(4096)
        if head.hasPrefix("{") { return .json }
        if head.contains("ooTextFile") && head.hasPrefix("File type") { return .textGrid }
        if head.hasPrefix("<"), head.contains("<ANNOTATION_DOCUMENT") { return .eaf }
        let lines = head.split(whereSeparator: \.isNewline).prefix(2).map { $0.trimmingWhitespace() }
        if let first = lines.first {
            if first.contains("-->") && first.contains(",") { return .srt }
            if lines.count == 2, !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }), lines[1].contains("-->") { return .srt }
        }
        return .plainText
    }

    /// Reads `text` in this format, giving the transcript `language` and `kind` where the file
    /// does not say. `recordingDurationMs` is not checked here: validate the result against it.
    public func parse(_ text: String, language: String = "und", kind: TranscriptKind = .transcription) throws(TranscriptParseError) -> Transcript {
        switch self {
        case .plainText:
            let lines = try TranscriptLines(text)
            return Transcript(language: language, kind: kind, plainText: lines.lines.joined(separator: "\n"))
        case .json: return try TranscriptJSONFormat(language: language, kind: kind).parse(text)
        case .webVTT: return try WebVTTFormat(language: language, kind: kind).parse(text)
        case .srt: return try SRTFormat(language: language, kind: kind).parse(text)
        case .textGrid: return try TextGridFormat(language: language, kind: kind).parse(text)
        case .eaf: return try EAFFormat(language: language, kind: kind).parse(text)
        }
    }

    /// Writes `transcript` in this format. Plain text is the transcript's text; the timed formats
    /// need every segment timed. `recordingDurationMs` lets a TextGrid cover the whole recording.
    public func render(_ transcript: Transcript, recordingDurationMs: Int? = nil) throws(TranscriptRenderError) -> String {
        switch self {
        case .plainText: transcript.text.hasSuffix("\n") ? transcript.text : transcript.text + "\n"
        case .json: TranscriptJSONFormat().render(transcript)
        case .webVTT: try WebVTTFormat().render(transcript)
        case .srt: try SRTFormat().render(transcript)
        case .textGrid: try TextGridFormat(recordingDurationMs: recordingDurationMs).render(transcript)
        case .eaf: try EAFFormat().render(transcript)
        }
    }
}
