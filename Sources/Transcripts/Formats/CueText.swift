/// A WebVTT cue's text with the markup taken out: tags dropped, entities decoded, and the cue
/// timestamps kept with the place (UTF-16 offset) where they stood.
struct CueText {
    var text = ""
    /// Cue timestamps in order: where they stood in `text`, and their time.
    var timestamps: [(offset: Int, ms: Int)] = []

    /// The UTF-16 length of the text gathered so far (kept as it grows, not recounted).
    private var length = 0

    init(_ lines: ArraySlice<CueBlocks.Line>, timings: CueTimings) throws(TranscriptParseError) {
        var raw = ""
        for line in lines {
            if !raw.isEmpty { add(" ", to: &raw) }
            try append(line, to: &raw, timings: timings)
        }
        // Trim, moving the timestamps with the text.
        let leading = raw.prefix { $0.isWhitespace }.utf16.count
        text = raw.trimmingWhitespace()
        let trimmedLength = text.utf16.count
        timestamps = timestamps.map { (min(max($0.offset - leading, 0), trimmedLength), $0.ms) }
    }

    private mutating func append(_ line: CueBlocks.Line, to raw: inout String, timings: CueTimings) throws(TranscriptParseError) {
        var rest = line.text[...]
        while let next = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            add(rest[..<next], to: &raw)
            rest = rest[next...]
            if rest.first == "<" {
                guard let close = rest.firstIndex(of: ">") else {
                    throw TranscriptParseError(line: line.number, "a tag is opened with < but not closed with >")
                }
                let tag = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if let first = tag.first, first.isNumber {
                    guard let ms = ClockTime.parse(tag, separators: ["."], hoursRequired: false) else {
                        throw TranscriptParseError(line: line.number, "<\(tag)> is not a WebVTT timestamp (hh:mm:ss.ttt)")
                    }
                    guard ms >= timings.startMs && ms <= timings.endMs else {
                        throw TranscriptParseError(line: line.number, "the timestamp <\(tag)> lies outside its cue")
                    }
                    if let last = timestamps.last, ms < last.ms {
                        throw TranscriptParseError(line: line.number, "the timestamp <\(tag)> is earlier than the one before it")
                    }
                    timestamps.append((length, ms))
                }
                // Any other tag (voice, class, italics, ruby…) only styles the text.
            } else {
                let end = rest.prefix(12).firstIndex(of: ";")
                if let end, let decoded = Self.entity(rest[rest.index(after: rest.startIndex)..<end]) {
                    add(decoded, to: &raw)
                    rest = rest[rest.index(after: end)...]
                } else {
                    add("&", to: &raw)
                    rest = rest.dropFirst()
                }
            }
        }
        add(rest, to: &raw)
    }

    private mutating func add(_ piece: some StringProtocol, to raw: inout String) {
        raw += piece
        length += piece.utf16.count
    }

    private static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "nbsp": return "\u{00A0}"
        case "lrm": return "\u{200E}"
        case "rlm": return "\u{200F}"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String($0) }
        }
    }
}
