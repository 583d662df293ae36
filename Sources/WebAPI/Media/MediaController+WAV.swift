import AudioCodec
import Foundation
import Hummingbird
import Services
import Storage

extension MediaController {
    /// Bytes read from the Opus file per step; the decoded WAV goes out in the same rhythm.
    static let readChunkSize = 16 * 1_024

    /// The recording decoded to 16-bit 48 kHz mono WAV, streamed: memory holds one chunk at a time.
    /// Each chunk is read and decoded on the heavy-work pool; the request holds its place there
    /// until the last byte is written.
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
        guard let reader = try library.blobs.open(sha256: recording.sha256) else { throw APIError.notFound("media \(recording.id).wav") }
        let admission = try work.admit()
        let decoding = WAVDecoding(reader, frames: recording.sampleCount)
        headers[.contentDisposition] = "inline; filename=\"\(recording.id).wav\""
        let body = ResponseBody(contentLength: 44 + recording.sampleCount * 2) { writer in
            defer { admission.release() }
            try await writer.write(ByteBuffer(bytes: WAVWriter.header(sampleRate: 48_000, frameCount: recording.sampleCount)))
            while let pcm = try await admission.run({ try decoding.next() }) {
                try await writer.write(pcm)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
