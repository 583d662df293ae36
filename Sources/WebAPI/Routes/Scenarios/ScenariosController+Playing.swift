import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

extension ScenariosController {
    /// `POST /api/scenarios/{slug}/steps/{step}/done` (`{"recording": "ID"}` for a record step's
    /// answer, a recording of the caller's): the step counts as done; the scenario comes back with
    /// the caller's progress. Exercise steps count through their attempts (`?step=` key).
    @Sendable func stepDone(request: Request, context: ParlonsRequestContext) async throws -> Response {
        struct Done: Decodable { let recording: String? }
        let person = try context.requirePerson()
        let loaded = try await visible(context)
        let stepId = context.parameters.get("step") ?? ""
        try service.requireStep(stepId, of: loaded)
        let hasBody = request.headers[.contentLength].map { $0 != "0" } ?? (request.headers[.transferEncoding] != nil)
        let input = hasBody ? try await request.decodeJSON(Done.self, context: context) : Done(recording: nil)
        try await service.markDone(step: stepId, of: loaded, recordingId: input.recording, by: person)
        return try await response(loaded, request: request, context: context)
    }
}
