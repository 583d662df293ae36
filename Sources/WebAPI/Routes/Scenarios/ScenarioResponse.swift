import Foundation
import Hummingbird
import ScenarioFormat
import Services
import Storage
import Transcripts

/// A scenario to play or edit: its summary, the notes for trainers, every step with ready URLs,
/// and the caller's progress.
struct ScenarioResponse: ResponseEncodable {
    let scenario: ScenarioSummaryResponse
    let notes: String
    let steps: [ScenarioStepResponse]
    /// The caller's progress (nil when not signed in).
    let progress: ScenarioProgressResponse?
    /// Who saved the current revision, when, and why.
    let updatedAt: String
    let updatedBy: String?
    let message: String
    let revisions: String

    init(record: ScenarioRecord, revision: ScenarioRevision, scenario: Scenario, recordingIds: [ScenarioMedia: String],
         progress: ScenarioProgress?) {
        self.scenario = ScenarioSummaryResponse(record, scenario, recordingIds: recordingIds)
        notes = scenario.notes
        steps = scenario.steps.map { ScenarioStepResponse(step: $0, slug: record.slug, recordingIds: recordingIds, progress: progress) }
        self.progress = progress?.summary(of: scenario)
        updatedAt = ISO8601.string(revision.createdAt)
        updatedBy = revision.authorId
        message = revision.message
        revisions = "/api/scenarios/\(record.slug)/revisions"
    }
}
