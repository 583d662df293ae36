/// The text of one recording in one language, split into timed phrases and words.
///
/// One transcript drives every level of the learning path (listen, read along, gap-fill,
/// dictation), so its timings are kept with their origin. The recording it belongs to is not part
/// of the value: storage keys transcripts by recording and language.
///
/// Its JSON (``TranscriptJSONFormat``) is the API's own format:
///
/// ```json
/// {"language":"fr","kind":"transcription","text":"Bonjour. Ça va ?",
///  "segments":[{"text":"Bonjour.","startMs":0,"endMs":900,"origin":"manual",
///               "words":[{"text":"Bonjour","offset":0,"length":7,"startMs":0,"endMs":800,"origin":"manual"}]}, …]}
/// ```
///
/// Keys are camelCase; absent times, origins and confidences are left out rather than `null`.
public struct Transcript: Sendable, Equatable, Hashable, Codable {
    /// The transcript's language, a BCP 47 tag (`fr`, `ar-MA`, `und` when unknown).
    public var language: String
    /// A transcription of what is said, or a translation of it.
    public var kind: TranscriptKind
    /// The whole text: as typed for a plain-text transcript, the segments one per line otherwise.
    /// Full-text search indexes it.
    public var text: String
    /// The phrases, in the order they are said.
    public var segments: [TranscriptSegment]

    public init(language: String = "und", kind: TranscriptKind = .transcription, text: String, segments: [TranscriptSegment]) {
        self.language = language
        self.kind = kind
        self.text = text
        self.segments = segments
    }

    /// A transcript made of `segments`, its text their texts one per line.
    public init(language: String = "und", kind: TranscriptKind = .transcription, segments: [TranscriptSegment]) {
        self.init(language: language, kind: kind, text: segments.map(\.text).joined(separator: "\n"), segments: segments)
    }

    /// A transcript from typed text: segments at line breaks and sentence ends, words found by the
    /// tokenizer, nothing timed yet.
    public init(language: String = "und", kind: TranscriptKind = .transcription, plainText: String,
                splitter: SegmentSplitter = SegmentSplitter(), tokenizer: Tokenizer = Tokenizer()) {
        let segments = splitter.segments(of: plainText).map { TranscriptSegment(text: $0, tokenizer: tokenizer) }
        self.init(language: language, kind: kind, text: plainText, segments: segments)
    }

    /// Every word, in reading order, with its position.
    public var allWords: [(position: WordPosition, word: TranscriptWord)] {
        segments.indices.flatMap { s in
            segments[s].words.indices.map { w in (WordPosition(segment: s, word: w), segments[s].words[w]) }
        }
    }

    /// How many words the transcript has.
    public var wordCount: Int { segments.reduce(0) { $0 + $1.words.count } }

    /// True when every segment is timed (what the subtitle formats need).
    public var isFullyTimed: Bool { segments.allSatisfy(\.isTimed) }
}
