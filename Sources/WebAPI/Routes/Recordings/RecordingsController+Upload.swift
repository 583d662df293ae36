import Foundation
import Hummingbird
import Services
import Storage

extension RecordingsController {
    /// `POST /api/recordings?title=…&language=…`: the body is encoded to Ogg Opus as it streams in,
    /// and the 201 comes once the file is fsynced and the row committed.
    @Sendable func upload(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let owner = try context.requirePerson()
        guard let uploadKey = try Self.uploadKey(request, owner: owner) else {
            return try await store(request: request, context: context, owner: owner, uploadKey: nil)
        }
        // With an `Idempotency-Key`: one recording per key and uploader, whatever the retries and
        // whichever nodes they reach. A retry gets the first answer again (its body read and
        // dropped); a first try is stored.
        return try await uploadKeyClaims.holding(uploadKey) { earlier in
            guard let earlier else { return try await store(request: request, context: context, owner: owner, uploadKey: uploadKey) }
            for try await _ in request.body {}
            return try created(try await service.replayedUpload(earlier), request: request, context: context)
        }
    }

    /// The `Idempotency-Key` header: 1 to 200 visible ASCII characters.
    static func uploadKey(_ request: Request, owner: Person) throws -> UploadKey? {
        guard let key = request.headers[.init("Idempotency-Key")!] else { return nil }
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError.invalidField("Idempotency-Key", "must be 1 to 200 visible ASCII characters")
        }
        return UploadKey(ownerId: owner.id, key: key)
    }

    private func store(request: Request, context: ParlonsRequestContext, owner: Person, uploadKey: UploadKey?) async throws -> Response {
        let query = request.uri.queryParameters
        let groupId = try await service.uploadGroup(query["groupId"].map(String.init), owner: owner)
        let picture = try query["picture"].map { try PersonFields.picture(String($0)) }
        var purpose = RecordingPurpose.story
        if let raw = query["purpose"] {
            guard let asked = RecordingPurpose(rawValue: String(raw)), asked != .name else {
                throw APIError.invalidParameter("purpose", "must be story or practice (a spoken name goes to PUT /api/people/ID/name)")
            }
            purpose = asked
        }
        try RecordingIngest.checkDeclaredLength(of: request, maxBytes: configuration.maxUploadBytes)
        let ingest = try RecordingIngest(
            library: library, settings: configuration.encoderSettings,
            title: query["title"].map(String.init), language: query["language"].map(String.init),
            maxBytes: configuration.maxUploadBytes, ownerId: owner.id, groupId: groupId,
            loudnessTarget: configuration.loudnessTarget, work: work
        )
        ingest.picture = picture
        ingest.purpose = purpose
        try await ingest.consumeBody(of: request)
        let lastByte = ContinuousClock.now
        let stored = try await ingest.finish(uploadKey: uploadKey)
        let finishing = ContinuousClock.now - lastByte
        context.logger.info(
            "stored recording \(stored.id): \(ingest.bytesReceived) bytes in, \(stored.byteSize) bytes out, \(stored.durationMs) ms of audio; last byte to commit \(String(format: "%.1f", Self.milliseconds(finishing))) ms"
        )
        return try created(stored, request: request, context: context)
    }

    private func created(_ recording: Recording, request: Request, context: ParlonsRequestContext) throws -> Response {
        try created201(RecordingResponse(recording), location: "/api/recordings/\(recording.id)", request: request, context: context)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}
