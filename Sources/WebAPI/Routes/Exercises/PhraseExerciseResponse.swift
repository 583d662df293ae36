import Exercises
import Hummingbird
import Transcripts

/// `dictation` and `repeat`: one phrase to hear. A dictation gives nothing of the text but its
/// word count; a repeat shows the text from level 2 (reading aloud) and says where to upload the
/// learner's try.
struct PhraseExerciseResponse: ResponseEncodable {
    /// Where the learner's try goes: an ordinary recording upload (private, like any of theirs).
    struct Upload: Codable, Equatable {
        let method: String
        let url: String
    }

    let kind: ExerciseKind
    let recordingId: String
    let language: String
    let revision: Int
    let level: Int
    let segment: Int
    let segmentCount: Int
    let nextSegment: Int?
    let audio: AudioSliceResponse
    let wordCount: Int
    /// The phrase's text (repeat, from level 2).
    let text: String?
    let upload: Upload?
    let attempt: AttemptTemplate
}
