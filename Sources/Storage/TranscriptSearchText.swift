/// What every transcript search does whatever the engine: the words of what a person typed, and
/// the snippet's match markers turned into plain text with offsets.
public enum TranscriptSearchText {
    /// Opens a match in the snippet an engine highlights (a private-use character no text holds).
    public static let matchStart: Unicode.Scalar = "\u{E000}"
    /// Closes it.
    public static let matchEnd: Unicode.Scalar = "\u{E001}"

    /// The words of what a person typed (at most 16), nil when there is none.
    public static func words(_ query: String) -> [Substring]? {
        let words = Array(query.split { !($0.isLetter || $0.isNumber) }.prefix(16))
        return words.isEmpty ? nil : words
    }

    /// Removes the snippet's match markers, noting where they were as UTF-16 offset and length.
    public static func unmark(_ marked: String) -> (snippet: String, matches: [[Int]]) {
        var text = "", matches: [[Int]] = [], start: Int?
        for scalar in marked.unicodeScalars {
            switch scalar {
            case matchStart: start = text.utf16.count
            case matchEnd:
                if let begun = start { matches.append([begun, text.utf16.count - begun]) }
                start = nil
            default: text.unicodeScalars.append(scalar)
            }
        }
        return (text, matches)
    }
}
