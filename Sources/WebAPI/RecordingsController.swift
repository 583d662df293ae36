import AudioCodec
import Foundation
import Hummingbird
import Storage

/// `/api/recordings`: upload, list, read, rename, delete.
struct RecordingsController: Sendable {
    let library: RecordingLibrary
    let configuration: ServerConfiguration

    static let defaultPageSize = 50
    static let maxPageSize = 200

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/recordings", use: upload)
        router.get("/api/recordings", use: list)
        router.get("/api/recordings/{id}", use: show)
        router.patch("/api/recordings/{id}", use: update)
        router.delete("/api/recordings/{id}", use: delete)
    }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> RecordingListResponse {
        let query = request.uri.queryParameters
        var limit = Self.defaultPageSize
        if let raw = query["limit"] {
            guard let value = Int(raw), (1...Self.maxPageSize).contains(value) else {
                throw APIError.invalidParameter("limit", "must be a whole number from 1 to \(Self.maxPageSize)")
            }
            limit = value
        }
        var before: Int64?
        if let raw = query["cursor"] {
            guard let seq = ListCursor.decode(raw) else { throw APIError.invalidParameter("cursor", "not a cursor this server issued") }
            before = seq
        }
        let rows = try await library.metadata.recordings(limit: limit, before: before)
        let next = rows.count == limit ? rows.last?.seq.map(ListCursor.encode) : nil
        return RecordingListResponse(recordings: rows.map(RecordingResponse.init), nextCursor: next)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> RecordingResponse {
        RecordingResponse(try await existing(context))
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> RecordingResponse {
        let id = try validID(context)
        let patch = try await RecordingPatch.decode(from: request, context: context)
        guard let row = try await library.metadata.update(id: id, title: patch.title, language: patch.language) else {
            throw APIError.notFound("recording \(id)")
        }
        return RecordingResponse(row)
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let id = try validID(context)
        guard try await library.delete(id: id) != nil else { throw APIError.notFound("recording \(id)") }
        return Response(status: .noContent)
    }

    /// The `{id}` path parameter, checked for shape before any lookup.
    func validID(_ context: ParlonsRequestContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard RecordingID.isValid(id) else { throw APIError.notFound("recording \(id.prefix(40))") }
        return id
    }

    func existing(_ context: ParlonsRequestContext) async throws -> Recording {
        let id = try validID(context)
        guard let row = try await library.metadata.recording(id: id) else { throw APIError.notFound("recording \(id)") }
        return row
    }
}

/// Opaque paging cursors: the last row's sequence number, base64url-encoded.
enum ListCursor {
    static func encode(_ seq: Int64) -> String {
        Data("s\(seq)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: some StringProtocol) -> Int64? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cursor.count <= 32, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              text.first == "s", let seq = Int64(text.dropFirst()), seq > 0 else { return nil }
        return seq
    }
}

/// The fields `PATCH /api/recordings/{id}` may change.
struct RecordingPatch: Decodable {
    var title: String?
    var language: String?

    static func decode(from request: Request, context: ParlonsRequestContext) async throws -> RecordingPatch {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        var patch: RecordingPatch
        do {
            patch = try JSONDecoder().decode(RecordingPatch.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is not the JSON expected: \(Self.describe(error))")
        }
        patch.title = try patch.title.map { try FieldValidation.title($0) }
        patch.language = try patch.language.map { try FieldValidation.language($0) }
        return patch
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
