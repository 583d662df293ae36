import Foundation
import Hummingbird
import ScenarioFormat
import Transcripts

/// An error the API reports to its client as `{"error":{"code":"…","message":"…"}}`.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// A stable, machine-readable code (`invalid_audio`, `not_found`, …).
    public let code: String
    /// A sentence for people saying what is wrong.
    public let message: String
    public var headers: HTTPFields
    /// Each problem of an invalid file, with its line (a scenario's Markdown).
    public var problems: [ScenarioProblem] = []

    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try APIErrorBody.encoded(code: code, message: message, problems: problems)
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    static func notFound(_ what: String) -> APIError { APIError(.notFound, code: "not_found", message: "\(what) not found") }
    static func invalidField(_ field: String, _ why: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid_field", message: "\(field): \(why)")
    }
    static func invalidParameter(_ name: String, _ why: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message: "\(name): \(why)")
    }
}

/// The JSON every error answers with.
struct APIErrorBody: Codable {
    struct Detail: Codable {
        let code: String
        let message: String
        var problems: [ScenarioProblem]? = nil
    }
    let error: Detail

    /// The JSON bytes of an error (keys sorted, slashes as they are).
    static func encoded(code: String, message: String, problems: [ScenarioProblem] = []) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(APIErrorBody(error: .init(code: code, message: message, problems: problems.isEmpty ? nil : problems)))
    }
}
