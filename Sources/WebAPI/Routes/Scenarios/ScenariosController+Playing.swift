import Foundation
import Hummingbird
import Storage
import Transcripts

extension ScenariosController {
    /// `POST /api/scenarios/{slug}/steps/{step}/done` (`{"recording": "ID"}` for a record step's
    /// answer, a recording of the caller's): the step counts as done; the scenario comes back with
    /// the caller's progress. Exercise steps count through their attempts (`?step=` key).
    @Sendable func stepDone(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Done: Decodable { let recording: String? }
        let person = try context.requirePerson()
        let (record, revision, scenario) = try await visible(context)
        let stepId = context.parameters.get("step") ?? ""
        guard let step = scenario.step(id: stepId) else { throw APIError.notFound("step '\(stepId.prefix(40))' of '\(record.slug)'") }
        let hasBody = request.headers[.contentLength].map { $0 != "0" } ?? (request.headers[.transferEncoding] != nil)
        let input = hasBody ? try await request.decodeJSON(Done.self, context: context) : Done(recording: nil)
        if let id = input.recording {
            guard step.kind == .record else { throw APIError.invalidField("recording", "only a record step keeps an answer") }
            guard let answer = try await library.stores.recordings.recording(id: id), answer.ownerId == person.id else {
                throw APIError.invalidField("recording", "no recording \(id.prefix(40)) of yours")
            }
        } else if step.kind == .record {
            throw APIError.invalidField("recording", "a record step is done with the answer's recording id")
        }
        try await library.stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: person.id, slug: record.slug, stepId: step.id,
                                                                          recordingId: input.recording))
        return try await response(record: record, revision: revision, scenario: scenario, request: request, context: context)
    }
}
