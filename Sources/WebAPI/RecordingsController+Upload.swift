import Foundation
import Hummingbird

extension RecordingsController {
    /// `POST /api/recordings?title=…&language=…`: the body is encoded to Ogg Opus as it streams in,
    /// and the 201 comes once the file is fsynced and the row committed.
    @Sendable func upload(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > configuration.maxUploadBytes {
            throw RecordingIngest.tooLarge(configuration.maxUploadBytes)
        }
        let ingest = try RecordingIngest(
            library: library, settings: configuration.encoderSettings,
            title: query["title"].map(String.init), language: query["language"].map(String.init),
            maxBytes: configuration.maxUploadBytes
        )
        for try await buffer in request.body {
            try buffer.withUnsafeReadableBytes { try ingest.consume($0) }
        }
        if let declaredLength, ingest.bytesReceived < declaredLength {
            throw APIError(.badRequest, code: "upload_incomplete",
                           message: "the body ended after \(ingest.bytesReceived) of \(declaredLength) bytes")
        }
        let lastByte = ContinuousClock.now
        let stored = try await ingest.finish()
        let finishing = ContinuousClock.now - lastByte
        context.logger.info(
            "stored recording \(stored.id): \(ingest.bytesReceived) bytes in, \(stored.byteSize) bytes out, \(stored.durationMs) ms of audio; last byte to commit \(String(format: "%.1f", Self.milliseconds(finishing))) ms"
        )
        let response = try RecordingResponse(stored).response(from: request, context: context)
        var headers = response.headers
        headers[.location] = "/api/recordings/\(stored.id)"
        return Response(status: .created, headers: headers, body: response.body)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}
