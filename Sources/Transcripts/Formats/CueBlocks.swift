/// The blank-line-separated blocks of a WebVTT or SRT file, each line with its 1-based number.
struct CueBlocks {
    struct Line {
        var text: Substring
        var number: Int
    }

    var blocks: [[Line]] = []

    init(_ lines: ArraySlice<Substring>, firstLineNumber: Int) {
        var current: [Line] = []
        for (i, line) in lines.enumerated() {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else {
                current.append(Line(text: line, number: firstLineNumber + i))
            }
        }
        if !current.isEmpty { blocks.append(current) }
    }
}
