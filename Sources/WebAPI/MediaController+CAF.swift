import AudioCodec
import Foundation
import Hummingbird
import Storage

extension MediaController {
    /// The stored Opus packets in a CAF container, made on the fly without re-encoding, for Safari
    /// before 18.4. The packet table comes from a first read of the file; the audio streams out on
    /// a second.
    func caf(_ recording: Recording, request: Request) throws -> Response {
        let tag = EntityTag(value: "\(recording.sha256)-caf")
        var headers: HTTPFields = [.contentType: "audio/x-caf", .eTag: tag.header, .cacheControl: Self.caching(recording), .acceptRanges: "none"]
        if let condition = request.headers[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: headers)
        }
        let path = library.blobs.path(sha256: recording.sha256)
        let layoutReader = CAFOpusWriter.LayoutReader()
        try Self.readChunks(path) { try layoutReader.consume($0) }
        let layout = try layoutReader.finish()
        let header = CAFOpusWriter.header(for: layout)
        headers[.contentDisposition] = "inline; filename=\"\(recording.id).caf\""
        let body = ResponseBody(contentLength: header.count + layout.dataBytes) { writer in
            try await writer.write(ByteBuffer(bytes: header))
            guard let file = FileHandle(forReadingAtPath: path) else { throw APIError.notFound("media \(recording.id).caf") }
            defer { try? file.close() }
            let packets = CAFOpusWriter.PacketReader()
            var pending: [UInt8] = []
            while let chunk = try file.read(upToCount: Self.readChunkSize), !chunk.isEmpty {
                try chunk.withUnsafeBytes { bytes in try packets.consume(bytes) { pending += $0 } }
                try await writer.write(ByteBuffer(bytes: pending))
                pending.removeAll(keepingCapacity: true)
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
