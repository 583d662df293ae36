import Foundation

/// A learner has done a scenario step that leaves no attempt (listen, record, talk); a record step
/// keeps the answer recording.
public struct ScenarioStepDone: Codable, Sendable, Equatable {
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
