/// A segment whose text matches a search, in a recording the searcher may hear.
public struct TranscriptSearchHit: Sendable, Equatable {
    public let recordingId: String
    public let language: String
    /// The matching segment's index, and where it starts (nil while untimed) so a client can jump there.
    public let segment: Int
    public let startMs: Int?
    /// The segment's text around the match, plain.
    public let snippet: String
    /// Where the matched words are in `snippet`, as UTF-16 offset and length (what JavaScript counts).
    public let matches: [[Int]]

    public init(recordingId: String, language: String, segment: Int, startMs: Int?, snippet: String, matches: [[Int]]) {
        self.recordingId = recordingId
        self.language = language
        self.segment = segment
        self.startMs = startMs
        self.snippet = snippet
        self.matches = matches
    }
}
