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
        let path = library.blobs.path(sha256: recording.sha256)
        let admission = try work.admit()
        let layout: CAFOpusWriter.Layout
        do {
            layout = try await admission.run {
                let layoutReader = CAFOpusWriter.LayoutReader()
                try Self.readChunks(path) { try layoutReader.consume($0) }
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
            let packets = try CAFPackets(path: path, recordingId: recording.id)
            while let chunk = try await admission.run({ try packets.next() }) {
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Calls `body` with the file's bytes, chunk by chunk.
    static func readChunks(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { throw APIError.notFound("media") }
        defer { try? file.close() }
        while let chunk = try file.read(upToCount: readChunkSize * 4), !chunk.isEmpty {
            try chunk.withUnsafeBytes(body)
        }
    }
}
