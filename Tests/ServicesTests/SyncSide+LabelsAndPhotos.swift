import Foundation
import Services
import Storage

extension SyncSide {
    /// A trainer records a take for the label here (what the label screen does), as `speaker`.
    @discardableResult
    func recordLabel(_ key: String, speaker: String, bytes: [UInt8]) async throws -> String {
        let person = try await stores.people.person(id: speaker)!
        let incoming = try stores.audio.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        let blob = try incoming.finish()
        let take = Recording(id: ResourceID.generate(), title: "label \(key)", language: "fr", durationMs: 1_000, sampleCount: 48_000,
                             inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: blob.byteCount, sha256: blob.sha256,
                             sourceFormat: "test", createdAt: Date(), ownerId: speaker, groupId: nil)
        let stored = try await world.library.add(take, blob: blob)
        _ = try await LabelService(library: world.library).publish(stored, language: "fr", key: key, speaker: person)
        return stored.id
    }

    /// Back to the shipped clip here; false when none was recorded.
    func removeLabel(_ key: String, actor: String) async throws -> Bool {
        let person = try await stores.people.person(id: actor)!
        do {
            try await LabelService(library: world.library).remove(language: "fr", key: key, actor: person)
            return true
        } catch let error as ServiceError where error.kind == .notFound {
            return false
        }
    }

    /// The labels here: key, take and clock.
    func labels() async throws -> [String] {
        try await stores.labels.spokenLabels(language: "fr").map { "\($0.key) \($0.recordingId) \($0.recordedAt.millisecondsSince1970)" }
    }

    /// Sets (or with nil removes) a photo here, through the photo service.
    func setPhoto(_ bytes: [UInt8]?, for owner: PhotoOwner) async throws {
        try await PhotoService(library: world.library).setPhoto(bytes, for: owner)
    }

    /// Hashes of the photo files stored here.
    func photoFiles() -> Set<String> {
        let folder = world.root.appendingPathComponent(MediaStoreKind.pictures.folder, isDirectory: true)
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return Set(files.filter { $0.pathExtension == MediaStoreKind.pictures.fileExtension && !$0.path.contains("/.") }
            .map { $0.deletingPathExtension().lastPathComponent })
    }

    /// A small PNG the photo service takes, different for each `shade`.
    static func photo(_ shade: Int) -> [UInt8] {
        let width = UInt32(1 + shade % 200), height = UInt32(1 + shade / 200 % 200)
        func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + bigEndian(width) + bigEndian(height)
            + [8, 0, 0, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }
}
