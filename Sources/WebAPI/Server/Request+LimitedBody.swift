import Hummingbird
import NIOCore

extension Request {
    /// The whole body, at most `limit` bytes: `413 payload_too_large` (naming `what` and the
    /// limit, and closing the connection) as soon as the declared length or the bytes pass it.
    func collectBody(upTo limit: Int, what: String) async throws -> ByteBuffer {
        let tooLarge = APIError(.contentTooLarge, code: "payload_too_large", message: "\(what) are limited to \(limit) bytes",
                                headers: [.connection: "close"])
        if let length = headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }
}
