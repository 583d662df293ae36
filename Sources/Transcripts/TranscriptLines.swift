/// An imported text cut into lines: byte order mark dropped, CRLF and CR read as line breaks.
struct TranscriptLines {
    /// The lines, without their line breaks; `lines[0]` is line 1.
    let lines: [Substring]

    init(_ text: String) throws(TranscriptParseError) {
        try ImportLimits.checkSize(text)
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is a single Character in Swift, so splitting on isNewline handles CRLF, CR and LF,
        // but blank lines must be kept: split with omittingEmptySubsequences false.
        lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
