import Foundation
import Hummingbird
import Storage
import Transcripts

extension ExercisesController {
    /// The transcription exercises are made from: the one in `language` when given (any region of
    /// it), else the one in the recording's language, else the first. Translations are never
    /// used: their words are not what the recording says.
    ///
    /// - Throws: `404` when `language` has none, `409 not_timed` when the recording has none at all.
    func transcription(of recording: Recording, language: String?, revision: Int? = nil,
                       missing: (String) -> APIError = { APIError.notFound("\($0) transcription") }) async throws -> StoredTranscript {
        let all = try await library.stores.transcripts.transcripts(recordingId: recording.id).filter { $0.transcript.kind == .transcription }
        func primary(_ tag: String) -> Substring { tag.split(separator: "-").first ?? Substring(tag) }
        let chosen: StoredTranscript
        if let language {
            guard let found = all.first(where: { $0.transcript.language == language })
                    ?? all.first(where: { primary($0.transcript.language) == primary(language) }) else { throw missing(language) }
            chosen = found
        } else {
            guard let found = all.first(where: { $0.transcript.language == recording.language })
                    ?? all.first(where: { primary($0.transcript.language) == primary(recording.language) }) ?? all.first else {
                throw APIError(.conflict, code: "not_timed",
                               message: "recording \(recording.id) has no transcript yet: add one (PUT …/transcripts/LANG), then time it")
            }
            chosen = found
        }
        guard let revision, revision != chosen.revision else { return chosen }
        guard let older = try await library.stores.transcripts.transcript(recordingId: recording.id, language: chosen.transcript.language,
                                                                 revision: revision) else {
            throw APIError.invalidField("revision", "the \(chosen.transcript.language) transcript has no revision \(revision)")
        }
        return older
    }
}
