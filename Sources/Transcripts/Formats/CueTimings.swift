/// A cue's `start --> end [settings]` line, shared by WebVTT and SRT.
struct CueTimings {
    var startMs: Int
    var endMs: Int

    /// Reads the timings line; `separators` are the characters allowed before the milliseconds.
    init(_ line: CueBlocks.Line, separators: Set<Character>, format: String, example: String) throws(TranscriptParseError) {
        guard let arrow = line.text.firstRange(of: "-->") else {
            throw TranscriptParseError(line: line.number, "expected cue timings like \(example)")
        }
        let left = line.text[..<arrow.lowerBound].trimmingWhitespace()
        let right = line.text[arrow.upperBound...].split(whereSeparator: \.isWhitespace)
        // SRT's optional `X1:… Y2:…` coordinates and WebVTT's cue settings follow the end time.
        guard let end = right.first else {
            throw TranscriptParseError(line: line.number, "the cue has no end time; expected \(example)")
        }
        guard let startMs = ClockTime.parse(Substring(left), separators: separators, hoursRequired: false) else {
            throw TranscriptParseError(line: line.number, "\"\(left)\" is not a \(format) time (hh:mm:ss\(separators.sorted().first!)ttt)")
        }
        guard let endMs = ClockTime.parse(end, separators: separators, hoursRequired: false) else {
            throw TranscriptParseError(line: line.number, "\"\(end)\" is not a \(format) time (hh:mm:ss\(separators.sorted().first!)ttt)")
        }
        guard startMs < endMs else {
            throw TranscriptParseError(line: line.number, "the cue ends (\(end)) before it starts (\(left))")
        }
        self.startMs = startMs
        self.endMs = endMs
    }
}
