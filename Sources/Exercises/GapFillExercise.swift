/// A phrase with words hidden, and for each gap the tiles to choose from.
public struct GapFillExercise: Sendable, Equatable {
    /// A piece of the phrase as displayed, in order.
    public enum Piece: Sendable, Equatable {
        /// Spaces, punctuation, or an elided article left before a gap (`l'`).
        case text(String)
        /// A word left visible, playable on its own.
        case word(index: Int, text: String, slice: AudioSlice?)
        /// The hidden word `word`, the gap numbered `gap`.
        case gap(gap: Int, word: Int)
    }

    /// A tile: a word and its own sound.
    public struct Option: Sendable, Equatable {
        /// The word as the tile shows it.
        public var text: String
        /// One of its occurrences, to hear it.
        public var slice: AudioSlice
    }

    /// One hidden word.
    public struct Gap: Sendable, Equatable {
        /// The hidden word's index among the segment's words.
        public var word: Int
        /// The elided article shown before the gap, when only the word after it is hidden.
        public var prefix: String?
        /// The hidden word as its tile shows it.
        public var answer: String
        /// The tiles, the answer among them, in a shuffled order.
        public var options: [Option]
    }

    /// The segment's index in the transcript.
    public var segment: Int
    /// The phrase as displayed, in order, gaps included.
    public var pieces: [Piece]
    /// The hidden words, in reading order.
    public var gaps: [Gap]
}
