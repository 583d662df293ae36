import Exercises
import Foundation
import Transcripts

/// Where a learner stands on one recording (within one scenario step, or on its own): the level
/// they are at, since when, and whether a trainer set it.
public struct LearnerProgress: Codable, Sendable, Equatable {
    public var personId: String
    public var recordingId: String
    /// The scenario step, `""` for the recording on its own.
    public var step: String
    /// The level they are at, 1 to 3.
    public var level: ExerciseLevel
    /// When they reached this level: attempts before it do not count towards the next.
    public var levelSince: Date
    /// The trainer or admin who set the level by hand; nil when the level rule did.
    public var setBy: String?
    /// Their latest attempt or setting.
    public var updatedAt: Date

    public init(personId: String, recordingId: String, step: String = "", level: ExerciseLevel = .beginner,
                levelSince: Date = Date(millisecondsSince1970: 0), setBy: String? = nil, updatedAt: Date = Date()) {
        self.personId = personId
        self.recordingId = recordingId
        self.step = step
        self.level = level
        self.levelSince = Date(millisecondsSince1970: levelSince.millisecondsSince1970)
        self.setBy = setBy
        self.updatedAt = Date(millisecondsSince1970: updatedAt.millisecondsSince1970)
    }
}

