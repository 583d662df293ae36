import AudioCodec
import Foundation
import NIOCore
import Storage

/// A stored Opus file decoded to 16-bit PCM chunk by chunk, for `/media/ID.wav`: each ``next()``
/// reads one chunk of the file and returns what it decodes to. Exactly `frames` samples come out,
/// whatever the file holds, since the WAV header promised that many.
///
/// Used by one response body at a time, which waits for each chunk before asking for the next
/// (on whichever pool thread is free), hence `@unchecked Sendable`.
final class WAVDecoding: @unchecked Sendable {
    private let chunks: BlobCursor
    private var remaining: Int
    private var pcm: [UInt8] = []
    private var decoder: OggOpusDecoder?
    private var ended = false

    init(_ reader: any BlobReader, frames: Int) {
        chunks = BlobCursor(reader, chunkSize: MediaController.readChunkSize)
        remaining = frames
    }

    /// The next piece of PCM, or nil once every promised sample is out.
    func next() throws -> ByteBuffer? {
        while !ended {
            guard let chunk = try chunks.next() else {
                ended = true
                break
            }
            try chunk.withUnsafeBytes { try opusDecoder().consume($0) }
            if !pcm.isEmpty {
                defer { pcm.removeAll(keepingCapacity: true) }
                return ByteBuffer(bytes: pcm)
            }
        }
        // A file shorter than its row says: silence up to the promised length.
        guard remaining > 0 else { return nil }
        defer { remaining = 0 }
        return ByteBuffer(repeating: 0, count: remaining * 2)
    }

    private func opusDecoder() -> OggOpusDecoder {
        if let decoder { return decoder }
        let made = OggOpusDecoder { [unowned self] samples in
            let count = min(samples.count, remaining)
            WAVWriter.appendPCM16(UnsafeBufferPointer(rebasing: samples[0..<count]), to: &pcm)
            remaining -= count
        }
        decoder = made
        return made
    }
}
