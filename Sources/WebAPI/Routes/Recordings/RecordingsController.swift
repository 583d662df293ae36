import AudioCodec
import Foundation
import Hummingbird
import Services
import Storage

/// `/api/recordings`: upload, list, read, rename, delete.
struct RecordingsController: Sendable {
    let library: RecordingLibrary
    let configuration: ServerConfiguration
    /// Where uploads are encoded, peaks read and transcripts aligned.
    let work: HeavyWorkPool
    var transcriptService: TranscriptService { TranscriptService(library: library, work: work) }
    var service: RecordingService { RecordingService(library: library) }
    /// Uploads with the same key from the same person wait for each other, on every node.
    var uploadKeyClaims: UploadKeyClaims { UploadKeyClaims(recordings: library.metadata) }

    static let defaultPageSize = 50
    static let maxPageSize = 200

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.post("/api/recordings", use: upload)
        router.get("/api/recordings", use: list)
        router.get("/api/recordings/{id}", use: show)
        router.patch("/api/recordings/{id}", use: update)
        router.delete("/api/recordings/{id}", use: delete)
        router.post("/api/recordings/{id}/withdraw", use: delete)
        router.post("/api/recordings/{id}/consent", use: consent)
        router.get("/api/recordings/{id}/consents", use: consents)
        router.get("/api/recordings/{id}/peaks.json", use: peaksJSON)
        router.get("/api/recordings/{id}/peaks.dat", use: peaksBinary)
        router.get("/api/recordings/{id}/transcripts", use: transcripts)
        router.get("/api/recordings/{id}/transcripts/{lang}", use: transcript)
        router.put("/api/recordings/{id}/transcripts/{lang}", use: putTranscript)
        router.delete("/api/recordings/{id}/transcripts/{lang}", use: deleteTranscript)
        router.get("/api/recordings/{id}/transcripts/{lang}/revisions", use: transcriptRevisions)
        router.patch("/api/recordings/{id}/transcripts/{lang}/timings", use: patchTimings)
        router.post("/api/recordings/{id}/transcripts/{lang}/align", use: align)
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
        let purpose = try query["purpose"].map { raw in
            guard let purpose = RecordingPurpose(rawValue: String(raw)), purpose != .name else {
                throw APIError.invalidParameter("purpose", "must be story or practice")
            }
            return purpose
        }
        let rows = try await service.recordings(visibleTo: context.viewer, limit: limit, before: before, purpose: purpose)
        let next = rows.count == limit ? rows.last?.seq.map(ListCursor.encode) : nil
        let speakers = try await SpeakerService(stores: library.stores).speakers(of: rows, viewer: context.viewer, kioskId: context.kiosk?.id)
        return RecordingListResponse(recordings: rows.map { RecordingResponse($0, speaker: $0.ownerId.flatMap { speakers[$0] }) }, nextCursor: next)
    }

    @Sendable func show(request: Request, context: ParlonsRequestContext) async throws -> RecordingResponse {
        let recording = try await existing(context)
        let speakers = try await SpeakerService(stores: library.stores).speakers(of: [recording], viewer: context.viewer, kioskId: context.kiosk?.id)
        return RecordingResponse(recording, speaker: recording.ownerId.flatMap { speakers[$0] })
    }

    @Sendable func update(request: Request, context: ParlonsRequestContext) async throws -> RecordingResponse {
        let recording = try await managed(context)
        let patch = try await request.decodeJSON(RecordingPatch.self, context: context)
        let changes = RecordingService.Changes(title: patch.title, language: patch.language, visibility: patch.visibility,
                                               sharedWithMentor: patch.sharedWithMentor, groupId: patch.groupId, picture: patch.picture)
        return RecordingResponse(try await service.update(recording, with: changes, actor: try context.requirePerson()))
    }

    /// `DELETE` and `POST …/withdraw`: the recording is withdrawn for good (audio, derived data,
    /// consents); a tombstone without content remains.
    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        try await service.withdraw(recording, by: context.identity?.person)
        return Response(status: .noContent)
    }

    /// The `{id}` recording if the caller may hear it. Others get 404, so a private recording's
    /// existence never leaks; those who could manage a withdrawn one get 410.
    func existing(_ context: ParlonsRequestContext) async throws -> Recording {
        try await service.recording(id: context.parameters.get("id") ?? "", viewer: context.viewer, actor: context.identity?.person)
    }

    /// A recording the caller may hear and manage (owner, their trainer, admin): 403 when they may
    /// only hear it.
    func managed(_ context: ParlonsRequestContext) async throws -> Recording {
        try await service.managedRecording(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
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

/// The fields `PATCH /api/recordings/{id}` may change (checked by ``RecordingService/update(_:with:actor:)``).
struct RecordingPatch: Decodable {
    var title: String?
    var language: String?
    var visibility: Visibility?
    var sharedWithMentor: Bool?
    var groupId: String?
    var picture: String?
}
