import Exercises
import Hummingbird
import Transcripts

/// `gap-fill`: a phrase with words hidden, and tiles to choose from, each with its own sound.
struct GapFillExerciseResponse: ResponseEncodable {
    /// A piece of the phrase, in order: `text` (spaces, punctuation, an elided `l'`), a visible
    /// `word` (playable), or a `gap`.
    struct Piece: Encodable, Equatable {
        let type: String
        let text: String?
        let word: Int?
        let gap: Int?
        let audio: AudioSliceResponse?

        init(_ piece: GapFillExercise.Piece) {
            switch piece {
            case .text(let text):
                (type, self.text, word, gap, audio) = ("text", text, nil, nil, nil)
            case .word(let index, let text, let slice):
                (type, self.text, word, gap, audio) = ("word", text, index, nil, slice.map(AudioSliceResponse.init))
            case .gap(let number, let index):
                (type, text, word, gap, audio) = ("gap", nil, index, number, nil)
            }
        }
    }

    struct Option: Encodable, Equatable {
        let text: String
        let audio: AudioSliceResponse
    }

    struct Gap: Encodable, Equatable {
        let gap: Int
        /// The hidden word's index in the segment: what the attempt's choice names.
        let word: Int
        /// The elided article shown before the gap (`l'`), when there is one.
        let prefix: String?
        let options: [Option]
    }

    let kind: ExerciseKind
    let recordingId: String
    let language: String
    let revision: Int
    let level: Int
    /// Send it back to get the same exercise.
    let seed: UInt64
    let segment: Int
    let segmentCount: Int
    let nextSegment: Int?
    /// The phrase's audio.
    let audio: AudioSliceResponse
    let pieces: [Piece]
    let gaps: [Gap]
    let attempt: AttemptTemplate
}
