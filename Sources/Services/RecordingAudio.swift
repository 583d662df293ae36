import AudioCodec
import Foundation
import Storage

/// A stored recording decoded to mono PCM at a chosen rate, whole, for analysis (alignment).
/// Bounded by `maxDurationMs`, so a request never holds more than ~115 MB of samples (30 min at
/// 16 kHz).
public enum RecordingAudio {
    public static let maxDurationMs = 30 * 60 * 1_000

    public static func samples(of recording: Recording, in library: RecordingLibrary, sampleRate: Int) throws -> [Float] {
        guard recording.durationMs <= maxDurationMs else {
            throw ServiceError(.unprocessable, "recordings longer than \(maxDurationMs / 60_000) minutes are aligned in parts: split it first",
                               code: "too_long")
        }
        guard let reader = try library.blobs.open(sha256: recording.sha256) else {
            throw StorageError(code: .notFound, message: "the audio file of recording \(recording.id) is missing")
        }
        let chunks = BlobCursor(reader, chunkSize: 256 * 1_024)
        return try OggOpusDecoder.samples(sampleRate: sampleRate, reservingCapacity: recording.durationMs * sampleRate / 1_000 + sampleRate,
                                          next: chunks.next)
    }
}
