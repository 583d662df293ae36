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
        guard let stored = try await library.stores.transcripts.transcript(recordingId: recording.id, language: language) else {
            throw APIError.notFound("\(language) transcript")
        }
        var overwrite = false
        if let value = request.uri.queryParameters["overwrite"] {
            guard ["true", "1", "false", "0"].contains(value) else { throw APIError.invalidParameter("overwrite", "true or false") }
            overwrite = value == "true" || value == "1"
        }
        if stored.transcript.hasManualTimings && !overwrite {
            throw APIError(.conflict, code: "manual_timings",
                           message: "the transcript has timings a person set; align with overwrite=true to replace them")
        }
        guard stored.transcript.kind == .transcription else {
            throw APIError(.unprocessableContent, code: "not_a_transcription",
                           message: "a translation's words are not the ones spoken: align the transcription, time the translation by hand")
        }
        let aligned = try await RecordingAlignment.aligned(stored.transcript, recording: recording, library: library, work: work)
        return try await save(aligned, on: recording, change: .align, request: request, context: context)
    }
}
