import AudioCodec
import Foundation
import Hummingbird
import Storage

extension MediaController {
    /// The stored Opus packets in a CAF container, made on the fly without re-encoding, for Safari
    /// before 18.4. The packet table comes from a first read of the file; the audio streams out on
    /// a second. Both reads run on the heavy-work pool, where the request holds its place until the
    /// last byte is written.
    func caf(_ recording: Recording, request: Request) async throws -> Response {
        let tag = EntityTag(value: "\(recording.sha256)-caf")
        var headers: HTTPFields = [.contentType: "audio/x-caf", .eTag: tag.header, .cacheControl: Self.caching(recording), .acceptRanges: "none"]
        if let condition = request.headers[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: headers)
        }
        guard let reader = try library.blobs.open(sha256: recording.sha256) else { throw APIError.notFound("media \(recording.id).caf") }
        let admission = try work.admit()
        let layout: CAFOpusWriter.Layout
        do {
            layout = try await admission.run {
                let layoutReader = CAFOpusWriter.LayoutReader()
                let chunks = BlobCursor(reader, chunkSize: Self.readChunkSize * 4)
                while let chunk = try chunks.next() { try chunk.withUnsafeBytes { try layoutReader.consume($0) } }
                return try layoutReader.finish()
            }
        } catch {
            admission.release()
            throw error
        }
        let header = CAFOpusWriter.header(for: layout)
        headers[.contentDisposition] = "inline; filename=\"\(recording.id).caf\""
        let body = ResponseBody(contentLength: header.count + layout.dataBytes) { writer in
            defer { admission.release() }
            try await writer.write(ByteBuffer(bytes: header))
            let packets = CAFPackets(reader)
            while let chunk = try await admission.run({ try packets.next() }) {
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
