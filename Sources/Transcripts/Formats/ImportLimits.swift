/// Bounds on what an import may hold, so that an absurd file is refused with a line number instead
/// of exhausting memory or overflowing arithmetic.
public enum ImportLimits {
    /// The largest time accepted: 100 hours, far beyond any recording.
    public static let maxMilliseconds = 100 * 3_600_000
    /// The most characters an imported file may have (16 Mi).
    public static let maxCharacters = 16 << 20
    /// The most segments (cues, phrase intervals, annotations) in one transcript.
    public static let maxSegments = 100_000
    /// The most words in one transcript.
    public static let maxWords = 1_000_000

    /// Refuses a text longer than ``maxCharacters`` (counted in UTF-16 units, as offsets are).
    static func checkSize(_ text: String) throws(TranscriptParseError) {
        guard text.utf16.count <= maxCharacters else {
            throw TranscriptParseError(line: 1, "the file is larger than \(maxCharacters) characters")
        }
    }
}
