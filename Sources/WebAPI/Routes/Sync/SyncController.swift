import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Services

/// Sync over HTTP between two paired servers (README, "Camp and centre sync"): the other server
/// uploads its bundles here resumably and downloads ours by ranges. Every request is signed with
/// the group's pair key (`Parlons-Sync` header); this controller only translates HTTP to
/// ``SyncTransfers``.
struct SyncController {
    let transfers: SyncTransfers
    /// Offset and length headers of an upload (as tus names them).
    static let uploadOffset = HTTPFields.Element.Name("Upload-Offset")!
    static let uploadLength = HTTPFields.Element.Name("Upload-Length")!
    static let signature = HTTPFields.Element.Name(SyncRequestSignature.headerName)!

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.head("/api/sync/{group}/bundles/{name}", use: received)
        router.patch("/api/sync/{group}/bundles/{name}", use: append)
        router.post("/api/sync/{group}/outbox", use: prepare)
        router.get("/api/sync/{group}/outbox/{name}", use: download)
    }

    /// `HEAD`: how many bytes of the bundle have arrived (`Upload-Offset`).
    @Sendable func received(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await Self.translating {
            let (group, name) = try await authenticated(request, context)
            let offset = try await transfers.receivedBytes(groupId: group, name: name)
            return Response(status: .ok, headers: [Self.uploadOffset: "\(offset)", .cacheControl: "no-store"])
        }
    }

    /// `PATCH` with `Upload-Offset` and `Upload-Length`: appends the body; once the last byte is
    /// here, the bundle is checked and imported and the answer is what it did (JSON). A body cut
    /// short keeps what arrived.
    @Sendable func append(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await Self.translating {
            let (group, name) = try await authenticated(request, context)
            guard let offset = request.headers[Self.uploadOffset].flatMap({ Int($0) }),
                  let length = request.headers[Self.uploadLength].flatMap({ Int($0) }) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "an upload needs the Upload-Offset and Upload-Length headers")
            }
            let upload = try await transfers.beginUpload(groupId: group, name: name, offset: offset, length: length)
            do {
                for try await buffer in request.body { try await upload.write(buffer) }
            } catch let error as SyncTransferError {
                await upload.keepReceived()
                throw error
            } catch let error as SyncError {
                await upload.keepReceived()
                throw error  // the staged file could not be written: 503 (the error middleware)
            } catch {
                // The connection broke (or timed out): what arrived stays for the next request.
                await upload.keepReceived()
                throw APIError(.badRequest, code: "upload_incomplete",
                               message: "the body ended early; \(upload.offset) bytes of the bundle have arrived, continue from there")
            }
            guard let report = try await upload.finish() else {
                return Response(status: .noContent, headers: [Self.uploadOffset: "\(upload.offset)"])
            }
            return try Self.json(SyncImportSummary(report), context: context, headers: [Self.uploadOffset: "\(upload.offset)"])
        }
    }

    /// `POST`: prepares a bundle of what the caller lacks (or names the one still waiting): `{name, size}`.
    @Sendable func prepare(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await Self.translating {
            let group = try await authenticatedGroup(request, context)
            return try Self.json(try await transfers.prepareOutgoing(groupId: group), context: context)
        }
    }

    /// `GET`: the prepared bundle, by ranges (`Range: bytes=N-` resumes a download).
    @Sendable func download(request: Request, context: ParlonsRequestContext) async throws -> Response {
        try await Self.translating {
            let (group, name) = try await authenticated(request, context)
            let (file, length) = try transfers.outgoingFile(groupId: group, name: name)
            let fileIO = FileIO(threadPool: .singleton)
            var headers: HTTPFields = [.contentType: "application/octet-stream", .acceptRanges: "bytes", .cacheControl: "no-store"]
            switch ByteRangeRequest(header: request.headers[.range], length: length) {
            case .whole:
                return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: file.path, context: context))
            case .partial(let range):
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(length)"
                return Response(status: .partialContent, headers: headers,
                                body: try await fileIO.loadFile(path: file.path, range: range, context: context))
            case .unsatisfiable:
                throw APIError(.rangeNotSatisfiable, code: "range_not_satisfiable",
                               message: "the range asks for bytes past the end of the \(length)-byte bundle",
                               headers: [.contentRange: "bytes */\(length)"])
            }
        }
    }

    private func authenticatedGroup(_ request: Request, _ context: ParlonsRequestContext) async throws -> String {
        let group = try context.parameters.require("group")
        try await transfers.authenticate(groupId: group, method: request.method.rawValue, path: request.uri.description,
                                         header: request.headers[Self.signature])
        return group
    }

    private func authenticated(_ request: Request, _ context: ParlonsRequestContext) async throws -> (group: String, name: String) {
        let group = try await authenticatedGroup(request, context)
        return (group, try context.parameters.require("name"))
    }

    static func json(_ value: some Encodable, context: ParlonsRequestContext, headers: HTTPFields = [:]) throws -> Response {
        let encoder = context.responseEncoder  // the same JSON as every other answer
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
