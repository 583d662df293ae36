import AudioCodec
import Foundation
import Hummingbird
import Storage

extension MediaController {
    /// Bytes read from the Opus file per step; the decoded WAV goes out in the same rhythm.
    static let readChunkSize = 16 * 1_024

    /// The recording decoded to 16-bit 48 kHz mono WAV, streamed: memory holds one chunk at a time.
    func wav(_ recording: Recording, request: Request) throws -> Response {
        let tag = EntityTag(value: "\(recording.sha256)-wav16")
        var headers: HTTPFields = [
            .contentType: "audio/wav",
            .eTag: tag.header,
            .cacheControl: Self.caching(recording),
            .acceptRanges: "none",
        ]
        if let condition = request.headers[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: headers)
        }
        let path = library.blobs.path(sha256: recording.sha256)
        guard let file = FileHandle(forReadingAtPath: path) else { throw APIError.notFound("media \(recording.id).wav") }
        let frames = recording.sampleCount
        headers[.contentDisposition] = "inline; filename=\"\(recording.id).wav\""
        let body = ResponseBody(contentLength: 44 + frames * 2) { writer in
            defer { try? file.close() }
            try await writer.write(ByteBuffer(bytes: WAVWriter.header(sampleRate: 48_000, frameCount: frames)))
            // The header promised exactly `frames` samples: hold to it even if the file disagrees.
            var remaining = frames
            var pcm: [UInt8] = []
            let decoder = OggOpusDecoder { samples in
                let count = min(samples.count, remaining)
                WAVWriter.appendPCM16(UnsafeBufferPointer(rebasing: samples[0..<count]), to: &pcm)
                remaining -= count
            }
            while let chunk = try file.read(upToCount: Self.readChunkSize), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try decoder.consume($0) }
                if !pcm.isEmpty {
                    try await writer.write(ByteBuffer(bytes: pcm))
                    pcm.removeAll(keepingCapacity: true)
                }
            }
            if remaining > 0 { try await writer.write(ByteBuffer(repeating: 0, count: remaining * 2)) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
