import Exercises
import Foundation
import Services
import Storage
import Transcripts

/// An attempt in a list: enough to show it and open it.
struct AttemptSummaryResponse: Codable, Equatable {
    let id: String
    let personId: String
    let kind: ExerciseKind
    let recordingId: String
    let title: String?
    let segment: Int?
    let level: Int
    let step: String?
    let score: Int?
    let tryRecordingId: String?
    let createdAt: String
    let url: String

    init(_ attempt: Attempt, title: String?) {
        id = attempt.id
        personId = attempt.personId
        kind = attempt.kind
        recordingId = attempt.recordingId
        self.title = title
        segment = attempt.segment
        level = attempt.level.rawValue
        step = attempt.step.isEmpty ? nil : attempt.step
        score = attempt.score
        tryRecordingId = attempt.tryRecordingId
        createdAt = ISO8601.string(attempt.createdAt)
        url = "/api/attempts/\(attempt.id)"
    }
}
