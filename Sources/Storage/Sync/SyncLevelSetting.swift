import Exercises
import Foundation

/// A level a trainer set by hand: an event that travels. A learner's progress is replayed from
/// the latest one (then only attempts made since count), the same on both sides.
public struct SyncLevelSetting: Codable, Sendable, Equatable {
    /// Random, the same on every server.
    public var id: String
    public var personId: String
    public var recordingId: String
    public var step: String
    public var level: ExerciseLevel
    public var setBy: String?
    public var setAt: Date

    public init(id: String, personId: String, recordingId: String, step: String, level: ExerciseLevel, setBy: String?, setAt: Date) {
        self.id = id
        self.personId = personId
        self.recordingId = recordingId
        self.step = step
        self.level = level
        self.setBy = setBy
        self.setAt = Date(millisecondsSince1970: setAt.millisecondsSince1970)
    }

    /// The change log's item id for it: its recording's id and its own.
    public var itemId: String { "\(recordingId) \(id)" }

    /// The progress it starts: its level, since it was set.
    public var start: LearnerProgress {
        var progress = LearnerProgress(personId: personId, recordingId: recordingId, step: step)
        progress.level = level
        progress.levelSince = setAt
        progress.setBy = setBy
        progress.updatedAt = setAt
        return progress
    }

    /// The latest of `settings` (ties: the larger id), from which progress is replayed.
    public static func latest(_ settings: [SyncLevelSetting]) -> SyncLevelSetting? {
        settings.max { ($0.setAt, $0.id) < ($1.setAt, $1.id) }
    }
}
