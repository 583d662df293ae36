import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// An attempt as the API shows it: what was asked and answered, the marks and the score, and
/// (when just made) the progress it led to.
struct AttemptResponse: ResponseEncodable {
    struct Try: Codable, Equatable {
        let recordingId: String
        let audio: AudioSliceResponse?
        let url: String
    }

    struct Progress: Codable, Equatable {
        let level: Int
        let previousLevel: Int
        let leveledUp: Bool
        let rule: String
    }

    let id: String
    let personId: String
    let kind: ExerciseKind
    let recordingId: String
    let language: String
    let revision: Int?
    let segment: Int?
    let level: Int
    let step: String?
    let answer: AttemptAnswer
    let score: Int?
    let marks: [WordMark]
    /// The phrase as the transcript writes it, to show the correction beside the marks.
    let expectedText: String?
    /// The phrase's audio (the model to listen to again).
    let audio: AudioSliceResponse?
    /// The learner's own recording, for a repeat.
    let `try`: Try?
    let createdAt: String
    let progress: Progress?

    init(_ attempt: Attempt, segment: TranscriptSegment?, tryDurationMs: Int?, progress: RecordedAttempt? = nil, rule: LevelRule = .standard) {
        id = attempt.id
        personId = attempt.personId
        kind = attempt.kind
        recordingId = attempt.recordingId
        language = attempt.language
        revision = attempt.revision
        self.segment = attempt.segment
        level = attempt.level.rawValue
        step = attempt.step.isEmpty ? nil : attempt.step
        answer = attempt.answer
        score = attempt.score
        marks = attempt.marks
        expectedText = attempt.kind.isScored ? segment?.text : nil
        audio = segment.flatMap { AudioSliceResponse(recordingId: attempt.recordingId, startMs: $0.startMs, endMs: $0.endMs) }
        `try` = attempt.tryRecordingId.map { id in
            Try(recordingId: id, audio: tryDurationMs.flatMap { AudioSliceResponse(recordingId: id, startMs: 0, endMs: $0) },
                url: "/api/recordings/\(id)")
        }
        createdAt = ISO8601.string(attempt.createdAt)
        self.progress = progress.map {
            Progress(level: $0.progress.level.rawValue, previousLevel: $0.previousLevel.rawValue,
                     leveledUp: $0.progress.level > $0.previousLevel, rule: rule.summary)
        }
    }
}
