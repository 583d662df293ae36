import Exercises
import Hummingbird
import Transcripts

/// `read-along`: the text with every phrase and word timed, each playable on its own.
struct ReadAlongExerciseResponse: ResponseEncodable {
    struct Word: Codable, Equatable {
        let index: Int
        let text: String
        /// Where the word is in its segment's text, in UTF-16 code units (to light it up).
        let offset: Int
        let length: Int
        let audio: AudioSliceResponse
    }

    struct Segment: Codable, Equatable {
        let index: Int
        let text: String
        let audio: AudioSliceResponse
        let words: [Word]
    }

    let kind: ExerciseKind
    let recordingId: String
    let language: String
    let revision: Int
    let level: Int
    /// The phrases asked for: all of them, or the one `segment` named.
    let segments: [Segment]
    let segmentCount: Int
    let nextSegment: Int?
    let attempt: AttemptTemplate
}
