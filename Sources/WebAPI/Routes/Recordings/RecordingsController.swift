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
    /// Uploads with the same key from the same person wait for each other.
    let uploadKeyLocks = UploadKeyLocks()

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
        let rows = try await library.metadata.recordings(visibleTo: context.viewer, limit: limit, before: before, purpose: purpose)
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
        let patch = try await RecordingPatch.decode(from: request, context: context)
        let target = patch.visibility ?? recording.visibility
        // Every check before any change: a refused move leaves the visibility as it was too.
        if let groupId = patch.groupId, groupId != recording.groupId {
            guard ResourceID.isValid(groupId), try await library.stores.people.group(id: groupId) != nil else {
                throw APIError.invalidField("groupId", "no group \(groupId.prefix(40))")
            }
            var moved = recording
            moved.visibility = target
            try await Authority(stores: library.stores).requireMove(moved, toGroup: groupId, actor: try context.requirePerson())
        }
        if patch.visibility != nil || patch.sharedWithMentor != nil {
            if target > recording.visibility {
                try await requireConsent(for: target, on: recording)
            }
            _ = try await library.metadata.setVisibility(id: recording.id, visibility: target,
                                                         sharedWithMentor: patch.sharedWithMentor ?? recording.sharedWithMentor)
        }
        if let groupId = patch.groupId, groupId != recording.groupId {
            _ = try await library.metadata.setGroup(id: recording.id, groupId: groupId)
        }
        guard let row = try await library.metadata.update(id: recording.id, title: patch.title, language: patch.language,
                                                          picture: patch.picture) else {
            throw APIError.notFound("recording \(recording.id)")
        }
        return RecordingResponse(row)
    }

    /// `DELETE` and `POST …/withdraw`: the recording is withdrawn for good (audio, derived data,
    /// consents); a tombstone without content remains.
    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let recording = try await managed(context)
        guard try await library.withdraw(id: recording.id, by: context.identity?.person.id) != nil else {
            throw APIError.notFound("recording \(recording.id)")
        }
        return Response(status: .noContent)
    }

    /// The `{id}` path parameter, checked for shape before any lookup.
    func validID(_ context: ParlonsRequestContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard ResourceID.isValid(id) else { throw APIError.notFound("recording \(id.prefix(40))") }
        return id
    }

    /// The `{id}` recording if the caller may hear it. Others get 404, so a private recording's
    /// existence never leaks; those who could manage a withdrawn one get 410.
    func existing(_ context: ParlonsRequestContext) async throws -> Recording {
        let id = try validID(context)
        if let row = try await library.metadata.recording(id: id, visibleTo: context.viewer) { return row }
        if let tombstone = try await library.metadata.tombstone(recordingId: id), let person = context.identity?.person {
            if try await Authority(stores: library.stores).mayKnowWithdrawal(tombstone, actor: person) {
                throw APIError(.gone, code: "withdrawn", message: "recording \(id) was withdrawn on \(ISO8601.string(tombstone.withdrawnAt))")
            }
        }
        throw APIError.notFound("recording \(id)")
    }

    /// A recording the caller may hear and manage (owner, their trainer, admin): 403 when they may
    /// only hear it.
    func managed(_ context: ParlonsRequestContext) async throws -> Recording {
        let actor = try context.requirePerson()
        let recording = try await existing(context)
        try await Authority(stores: library.stores).requireManage(recording: recording, actor: actor)
        return recording
    }

    /// Widening needs the owner's consent to at least that visibility.
    func requireConsent(for target: Visibility, on recording: Recording) async throws {
        guard let owner = recording.ownerId, let consented = try await library.metadata.widestConsent(recordingId: recording.id, ownerId: owner),
              consented >= target else {
            throw APIError(.conflict, code: "consent_required",
                           message: "the owner has not consented to '\(target.rawValue)': they give consent on the consent screen")
        }
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
    var visibility: Visibility?
    var sharedWithMentor: Bool?
    /// The group `group` and `network` visibility refer to (see ``Authority/requireMove(_:toGroup:actor:)``).
    var groupId: String?
    /// A picture of the client's set, by key.
    var picture: String?

    static func decode(from request: Request, context: ParlonsRequestContext) async throws -> RecordingPatch {
        var patch = try await request.decodeJSON(RecordingPatch.self, context: context)
        patch.title = try patch.title.map { try FieldValidation.title($0) }
        patch.language = try patch.language.map { try FieldValidation.language($0) }
        patch.picture = try patch.picture.map { try PersonFields.picture($0) }
        return patch
    }
}
