import Exercises
import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// `POST /api/attempts`: a learner's answer to an exercise, scored and stored, moving their
/// progress (``AttemptService``); `GET /api/attempts/{id}` reads one back.
struct AttemptsController: Sendable {
    let service: AttemptService

    init(library: RecordingLibrary) {
        service = AttemptService(library: library)
    }

    /// An attempt body is small; this leaves room for an absurdly long answer to be refused by
    /// field (`422 answer.text`) rather than by size.
    static let maxBodyBytes = 1 << 20

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/attempts", use: create)
        router.get("/api/attempts/{id}", use: show)
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let person = try context.requirePerson()
        let body = try AttemptRequest(try await JSONValue.object(from: request, limit: Self.maxBodyBytes))
        let new = AttemptService.NewAttempt(kind: body.kind, recordingId: body.recordingId, language: body.language, revision: body.revision,
                                            segment: body.segment, level: body.level, step: body.step, answer: body)
        let outcome = try await service.record(new, by: person, viewer: context.viewer)
        let response = AttemptResponse(outcome.attempt, segment: outcome.segment, tryDurationMs: outcome.tryDurationMs, progress: outcome.recorded)
        return try created201(response, location: "/api/attempts/\(outcome.attempt.id)", request: request, context: context)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> AttemptResponse {
        let actor = try context.requirePerson()
        let outcome = try await service.attempt(id: context.parameters.get("id") ?? "", actor: actor, viewer: context.viewer)
        return AttemptResponse(outcome.attempt, segment: outcome.segment, tryDurationMs: outcome.tryDurationMs)
    }
}
