import Hummingbird
import Services
import Storage

/// One revision of a scenario: who, when, why, and (for a single revision) the whole Markdown.
struct ScenarioRevisionResponse: ResponseEncodable {
    let number: Int
    let authorId: String?
    let message: String
    let createdAt: String
    let url: String
    let body: String?

    init(_ revision: ScenarioRevision, withBody: Bool) {
        number = revision.number
        authorId = revision.authorId
        message = revision.message
        createdAt = ISO8601.string(revision.createdAt)
        url = "/api/scenarios/\(revision.slug)/revisions/\(revision.number)"
        body = withBody ? revision.body : nil
    }
}

/// `GET /api/scenarios/{slug}/revisions`, oldest first.
struct ScenarioRevisionsResponse: ResponseEncodable {
    let slug: String
    let current: Int
    let revisions: [ScenarioRevisionResponse]
}
