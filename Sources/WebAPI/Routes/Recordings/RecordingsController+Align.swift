import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

extension RecordingsController {
    /// `POST /api/recordings/{id}/transcripts/{lang}/align[?overwrite=true]`: times every phrase
    /// and word automatically (speech synthesis + DTW for languages eSpeak NG speaks, pauses for
    /// the others), with a confidence for each, as a new revision. A transcript with manual
    /// timings is only re-aligned with `overwrite=true`.
    @Sendable func align(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        let language = try Self.languageTag(context.parameters.get("lang") ?? "")
        var overwrite = false
        if let value = request.uri.queryParameters["overwrite"] {
            guard ["true", "1", "false", "0"].contains(value) else { throw APIError.invalidParameter("overwrite", "true or false") }
            overwrite = value == "true" || value == "1"
        }
        let stored = try await transcriptService.align(recording, language: language, overwrite: overwrite, authorId: context.identity?.person.id,
                                                       expectedRevision: try request.expectedRevision())
        return try saved(stored, on: recording, request: request, context: context)
    }
}
