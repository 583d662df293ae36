import Transcripts

/// The words a gap-fill may offer as wrong tiles, and how often each occurs: the transcript's
/// own words first, then those of the group's other transcripts in the same language.
///
/// Only timed content words enter (a tile must speak itself); a word is kept once, by its
/// folded form, with the audio of its first occurrence.
public struct DistractorPool: Sendable {
    /// A word that can be a tile.
    public struct Entry: Sendable, Equatable {
        /// As shown on the tile: without an elided article, and in lower case when it was only
        /// capitalised for starting a phrase.
        public var text: String
        /// Its folded form (no case, accents, apostrophes or hyphens).
        public var key: String
        /// Where to hear it.
        public var slice: AudioSlice
        /// True when `text` comes from the middle of a phrase, so its capitals are its own.
        var fromMidPhrase: Bool
    }

    /// The language whose content words enter (BCP 47).
    public let language: String
    /// Every entry, in the order first met.
    public private(set) var entries: [Entry] = []
    /// How many times each folded word occurs in everything added (timed or not).
    public private(set) var frequency: [String: Int] = [:]
    private var index: [String: Int] = [:]

    public init(language: String) {
        self.language = language
    }

    /// Adds the words of a transcript of recording `recordingId`.
    public mutating func add(_ transcript: Transcript, recordingId: String) {
        for segment in transcript.segments {
            for (position, word) in segment.words.enumerated() where ContentWords.isContentWord(word.text, language: language) {
                let (text, midPhrase) = Self.tileText(word.text, atPhraseStart: position == 0)
                let key = WordFolding.key(text)
                frequency[key, default: 0] += 1
                guard let slice = AudioSlice(recordingId: recordingId, startMs: word.startMs, endMs: word.endMs) else { continue }
                if let existing = index[key] {
                    // A mid-phrase spelling tells whether the capital is the word's own (`Lyon`).
                    if midPhrase, !entries[existing].fromMidPhrase {
                        entries[existing].text = text
                        entries[existing].fromMidPhrase = true
                    }
                } else {
                    index[key] = entries.count
                    entries.append(Entry(text: text, key: key, slice: slice, fromMidPhrase: midPhrase))
                }
            }
        }
    }

    /// The entry of a folded word, if the pool has it.
    public func entry(key: String) -> Entry? { index[key].map { entries[$0] } }

    /// A word as a tile shows it: the elided article dropped, and a capital that only marks the
    /// start of a phrase lowered (otherwise the right tile would stand out by its capital).
    static func tileText(_ word: String, atPhraseStart: Bool) -> (text: String, midPhrase: Bool) {
        let bare = ContentWords.bareWord(word)
        let elided = bare.count != word.count
        guard atPhraseStart, !elided, let first = bare.first, first.isUppercase, bare.dropFirst().allSatisfy({ !$0.isUppercase }) else {
            return (bare, !atPhraseStart || elided)
        }
        return (bare.lowercased(), false)
    }
}
