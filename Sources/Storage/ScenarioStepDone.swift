import Foundation
import GRDB

/// A learner has done a scenario step that leaves no attempt (listen, record, talk); a record step
/// keeps the answer recording.
public struct ScenarioStepDone: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "scenarioStepDone"

    public var personId: String
    public var slug: String
    public var stepId: String
    public var recordingId: String?
    public var doneAt: Date

    public init(personId: String, slug: String, stepId: String, recordingId: String?, doneAt: Date = Date()) {
        self.personId = personId
        self.slug = slug
        self.stepId = stepId
        self.recordingId = recordingId
        self.doneAt = Date(millisecondsSince1970: doneAt.millisecondsSince1970)
    }
}
