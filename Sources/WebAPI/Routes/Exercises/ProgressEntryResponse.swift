import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// Where a learner stands on one recording (and scenario step): their level, and their best and
/// last scores per kind and level.
struct ProgressEntryResponse: ResponseEncodable, Equatable {
    struct Score: Codable, Equatable {
        let kind: ExerciseKind
        let level: Int
        let best: Int?
        let last: Int?
        let attempts: Int
        let lastAt: String
    }

    let recordingId: String
    /// The recording's title, when the caller may hear it.
    let title: String?
    let step: String?
    let level: Int
    let levelSince: String?
    /// `rule` when the level rule set it (or nothing happened yet), `manual` when a trainer did.
    let levelSetBy: String
    let setBy: String?
    let updatedAt: String
    let scores: [Score]

    init(_ progress: LearnerProgress, title: String?, scores: [ProgressScore]) {
        recordingId = progress.recordingId
        self.title = title
        step = progress.step.isEmpty ? nil : progress.step
        level = progress.level.rawValue
        levelSince = progress.levelSince.millisecondsSince1970 == 0 ? nil : ISO8601.string(progress.levelSince)
        levelSetBy = progress.setBy == nil ? "rule" : "manual"
        setBy = progress.setBy
        updatedAt = ISO8601.string(progress.updatedAt)
        self.scores = scores.filter { $0.recordingId == progress.recordingId && $0.step == progress.step && $0.personId == progress.personId }
            .sorted { ($0.kind.rawValue, $0.level) < ($1.kind.rawValue, $1.level) }
            .map { Score(kind: $0.kind, level: $0.level.rawValue, best: $0.best, last: $0.last, attempts: $0.attempts, lastAt: ISO8601.string($0.lastAt)) }
    }
}
