/// What a learner answered, in the shape of the exercise: tiles for a gap-fill, text for a
/// dictation, a recording for a repeat, nothing for listening and reading along.
public struct AttemptAnswer: Codable, Sendable, Equatable {
    /// The tiles chosen, gap by gap.
    public var choices: [GapChoiceRecord]?
    /// The text typed.
    public var text: String?
    /// The learner's own recorded try.
    public var recordingId: String?

    public init(choices: [GapChoiceRecord]? = nil, text: String? = nil, recordingId: String? = nil) {
        self.choices = choices
        self.text = text
        self.recordingId = recordingId
    }

    /// One chosen tile: the hidden word's index in its segment and the tile's text (nil: left empty).
    public struct GapChoiceRecord: Codable, Sendable, Equatable {
        /// The hidden word's index in its segment.
        public var word: Int
        /// The tile's text; nil for an empty gap.
        public var text: String?

        public init(word: Int, text: String?) {
            self.word = word
            self.text = text
        }
    }
}
