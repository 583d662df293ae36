import Hummingbird

extension RecordingIngest {
    /// Refuses a body whose `Content-Length` is over `maxBytes` before anything is written.
    static func checkDeclaredLength(of request: Request, maxBytes: Int) throws {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            throw tooLarge(maxBytes)
        }
    }

    /// Reads the request's whole body into the ingest. A body that fails, times out or ends before
    /// its `Content-Length` leaves nothing behind.
    func consumeBody(of request: Request) async throws {
        do {
            for try await buffer in request.body {
                try buffer.withUnsafeReadableBytes { try consume($0) }
            }
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), bytesReceived < declared {
                throw APIError(.badRequest, code: "upload_incomplete", message: "the body ended after \(bytesReceived) of \(declared) bytes")
            }
        } catch {
            abandon()
            throw error
        }
    }
}
