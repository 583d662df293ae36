import Exercises
import Hummingbird
import Transcripts

/// `listen`: the whole recording to hear, with its picture.
struct ListenExerciseResponse: ResponseEncodable {
    /// A picture to show while listening: a picture key of the client's set, and a photo when
    /// there is one.
    struct Picture: Codable, Equatable {
        let key: String?
        let url: String?
    }

    let kind: ExerciseKind
    let recordingId: String
    let title: String
    let language: String
    let durationMs: Int
    let level: Int
    /// The whole recording.
    let audio: AudioSliceResponse
    /// Every form the audio can be fetched in (Opus, WAV for old players, CAF for old Safari).
    let media: [String: String]
    /// The recording's picture: its group's, until recordings carry their own.
    let picture: Picture?
    /// The slower playback rate offered on demand.
    let slowPlaybackRate: Double
    /// The timed transcript's phrases, when there is one, to skip from phrase to phrase.
    let segments: [SegmentTime]?
    let attempt: AttemptTemplate

    struct SegmentTime: Codable, Equatable {
        let index: Int
        let startMs: Int
        let endMs: Int
    }
}
