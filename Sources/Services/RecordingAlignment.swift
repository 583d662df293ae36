import Alignment
import Foundation
import NIOPosix
import Storage
import Transcripts

/// Automatic alignment of a stored recording with a transcript, off the threads requests share:
/// speech synthesis + DTW for languages eSpeak NG speaks, pauses for the others.
public enum RecordingAlignment {
    /// The rate recordings are decoded at for alignment: all speech features live below 8 kHz.
    public static let sampleRate = 16_000

    /// The transcript with every phrase and word timed (origin `auto`, with confidences).
    ///
    /// - Parameter work: the server's heavy-work pool (which may refuse with `503 server_busy`);
    ///   nil at start-up, where NIO's blocking-work pool does it.
    /// - Throws: `ServiceError` (unprocessable) when there is nothing to align or the aligner gives up.
    public static func aligned(_ transcript: Transcript, recording: Recording, library: RecordingLibrary,
                        work: HeavyWorkPool? = nil) async throws -> Transcript {
        let (phrases, _) = transcript.alignmentPhrases
        guard !phrases.isEmpty else { throw ServiceError(.unprocessable, "the transcript has no words", code: "nothing_to_align") }
        let language = transcript.language
        let align = { @Sendable () throws -> AlignmentResult in
            let samples = try RecordingAudio.samples(of: recording, in: library, sampleRate: sampleRate)
            let input = AlignmentInput(samples: samples, sampleRate: sampleRate, phrases: phrases, language: language)
            do {
                return try AlignerChoice.aligner(for: language).align(input)
            } catch let error as AlignmentError {
                throw ServiceError(.unprocessable, error.description, code: "alignment_failed")
            }
        }
        let result: AlignmentResult
        if let work {
            let admission = try work.admit()
            defer { admission.release() }
            result = try await admission.run(align)
        } else {
            result = try await NIOThreadPool.singleton.runIfActive(align)
        }
        return transcript.applyingAlignment(result, recordingDurationMs: recording.durationMs)
    }
}
