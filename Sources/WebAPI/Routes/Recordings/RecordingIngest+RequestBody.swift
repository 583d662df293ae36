import Hummingbird
import Services

extension RecordingIngest {
    /// Bytes of the body handed to the pipeline at once: large enough that the hop to the
    /// heavy-work pool costs nothing next to encoding them (64 KiB of 48 kHz 16-bit mono is 0.7 s
    /// of audio), small enough that memory stays flat.
    static let batchBytes = 64 * 1_024

    /// Refuses a body whose `Content-Length` is over `maxBytes` before anything is written.
    static func checkDeclaredLength(of request: Request, maxBytes: Int) throws {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            throw tooLarge(maxBytes)
        }
    }

    /// Reads the request's whole body into the ingest, batch by batch: the next bytes are read
    /// only once the last ones are encoded, so a fast client waits for the encoder (back-pressure)
    /// rather than filling memory. A body that fails, times out or ends before its
    /// `Content-Length` leaves nothing behind.
    func consumeBody(of request: Request) async throws {
        do {
            var batch: [ByteBuffer] = [], batched = 0
            for try await buffer in request.body {
                batch.append(buffer)
                batched += buffer.readableBytes
                if batched >= Self.batchBytes {
                    try await consume(batch)
                    batch.removeAll(keepingCapacity: true)
                    batched = 0
                }
            }
            if !batch.isEmpty { try await consume(batch) }
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), bytesReceived < declared {
                throw APIError(.badRequest, code: "upload_incomplete", message: "the body ended after \(bytesReceived) of \(declared) bytes")
            }
        } catch {
            abandon()
            throw error
        }
    }
}
