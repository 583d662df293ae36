import Foundation
import Hummingbird
import Literacy
import NIOPosix
import Storage

extension RecordingsController {
    /// The rate recordings are decoded at for alignment: all speech features live below 8 kHz.
    static let alignmentSampleRate = 16_000

    /// `POST /api/recordings/{id}/transcripts/{lang}/align[?overwrite=true]`: times every phrase
    /// and word automatically (speech synthesis + DTW for languages eSpeak NG speaks, pauses for
    /// the others), with a confidence for each, as a new revision. A transcript with manual
    /// timings is only re-aligned with `overwrite=true`.
    @Sendable func align(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        let language = try Self.languageTag(context.parameters.get("lang") ?? "")
        guard let stored = try await library.directory.transcript(recordingId: recording.id, language: language) else {
            throw APIError.notFound("\(language) transcript")
        }
        let overwrite = request.uri.queryParameters["overwrite"].map { $0 == "true" || $0 == "1" } ?? false
        if stored.transcript.hasManualTimings && !overwrite {
            throw APIError(.conflict, code: "manual_timings",
                           message: "the transcript has timings a person set; align with overwrite=true to replace them")
        }
        let (phrases, _) = stored.transcript.alignmentPhrases
        guard !phrases.isEmpty else { throw APIError(.unprocessableContent, code: "nothing_to_align", message: "the transcript has no words") }
        guard stored.transcript.kind == .transcription else {
            throw APIError(.unprocessableContent, code: "not_a_transcription",
                           message: "a translation's words are not the ones spoken: align the transcription, time the translation by hand")
        }
        let spoken = language
        let library = self.library
        let result = try await NIOThreadPool.singleton.runIfActive { () throws -> AlignmentResult in
            let samples = try RecordingAudio.samples(of: recording, in: library, sampleRate: Self.alignmentSampleRate)
            let input = AlignmentInput(samples: samples, sampleRate: Self.alignmentSampleRate, phrases: phrases, language: spoken)
            do {
                return try AlignerChoice.aligner(for: spoken).align(input)
            } catch let error as AlignmentError {
                throw APIError(.unprocessableContent, code: "alignment_failed", message: error.description)
            }
        }
        let aligned = stored.transcript.applyingAlignment(result, recordingDurationMs: recording.durationMs)
        return try await save(aligned, on: recording, change: .align, request: request, context: context)
    }
}
