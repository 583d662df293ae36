/// Turns an uploaded file's bytes into text, as the formats expect it.
public enum TranscriptText {
    /// Decodes UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark (what
    /// Praat writes when a TextGrid holds non-ASCII text).
    ///
    /// - Throws: ``TranscriptParseError`` with the line of the first byte that is not valid UTF-8.
    public static func decode(_ bytes: some Collection<UInt8>) throws(TranscriptParseError) -> String {
        let bytes = Array(bytes)
        if bytes.count >= 2 && (bytes[0], bytes[1]) == (0xFF, 0xFE) { return utf16(bytes.dropFirst(2), bigEndian: false) }
        if bytes.count >= 2 && (bytes[0], bytes[1]) == (0xFE, 0xFF) { return utf16(bytes.dropFirst(2), bigEndian: true) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        // Find the first bad byte to name its line.
        var line = 1
        var iterator = body.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
            case .emptyInput: break decoding
            case .error: break decoding
            }
        }
        throw TranscriptParseError(line: line, "the file is not UTF-8 or UTF-16 text")
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
