import EmbeddedStorage
import Foundation
import Storage
import TestSupport
import Testing

@Suite("Recording library on SQLite and the media folder: file layout, recovery, start-up errors")
struct RecordingLibraryTests {
    /// Where the media folder keeps the audio blob with this hash (`recordings/ab/cd/abcd….opus`).
    static func file(_ root: URL, _ sha256: String) -> String {
        root.appendingPathComponent("recordings/" + MediaStoreKind.recordings.relativePath(sha256: sha256)).path
    }

    /// A library on a fresh folder with a real SQLite file.
    static func makeLibrary() throws -> (RecordingLibrary, URL) {
        let root = try ExternalTool.temporaryDirectory("parlons-storage")
        return (RecordingLibrary(stores: try EmbeddedStorage.open(root: root)), root)
    }

    static func store(_ library: RecordingLibrary, bytes: [UInt8], title: String = "t") async throws -> Recording {
        let incoming = try library.blobs.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        let blob = try incoming.finish()
        let recording = Recording(
            id: ResourceID.generate(), title: title, language: "fr", durationMs: 1_000, sampleCount: 48_000,
            inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: blob.byteCount,
            sha256: blob.sha256, sourceFormat: "wav/pcm16", createdAt: Date()
        )
        return try await library.add(recording, blob: blob)
    }

    @Test("a stored recording has its row, its file and the right hash")
    func storesFileAndRow() async throws {
        let (library, root) = try Self.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let recording = try await Self.store(library, bytes: bytes)
        let path = Self.file(root, recording.sha256)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
        // The hash agrees with coreutils' sha256sum.
        let sum = try await ExternalTool.run("sha256sum", [path]).stdout.prefix(64)
        #expect(recording.sha256 == String(sum))
        #expect(path.hasSuffix("\(recording.sha256.prefix(2))/\(recording.sha256.dropFirst(2).prefix(2))/\(recording.sha256).opus"))
        #expect(try await library.metadata.recording(id: recording.id) == recording)
        // Nothing is left in the incoming folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("recordings/.incoming").path).isEmpty)
        // The database is a real file, in WAL mode.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("parlons.sqlite").path))
    }

    @Test("start-up recovery removes crash leftovers and keeps what rows refer to")
    func recovery() async throws {
        let (library, root) = try Self.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let kept = try await Self.store(library, bytes: [1, 2, 3, 4])
        // A crash mid-upload leaves a .part file; a crash between rename and commit leaves an orphan.
        let part = root.appendingPathComponent("recordings/.incoming/crashed.part")
        try Data([1, 2, 3]).write(to: part)
        let orphanHash = String(repeating: "ab", count: 32)
        let orphan = URL(fileURLWithPath: Self.file(root, orphanHash))
        try FileManager.default.createDirectory(at: orphan.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([5]).write(to: orphan)
        // Reopen as a restarted server would.
        let reopened = RecordingLibrary(stores: try EmbeddedStorage.open(root: root))
        let report = try await reopened.recover()
        #expect(report.unfinishedWritesRemoved == 1 && report.orphanBlobsRemoved == 1)
        #expect(!FileManager.default.fileExists(atPath: part.path) && !FileManager.default.fileExists(atPath: orphan.path))
        #expect(FileManager.default.fileExists(atPath: Self.file(root, kept.sha256)))
        #expect(try await reopened.metadata.recording(id: kept.id) == kept)
    }

    @Test("a media root that cannot be created is a clear error")
    func unwritableRoot() throws {
        let error = #expect(throws: StorageError.self) {
            _ = try EmbeddedStorage.open(root: URL(fileURLWithPath: "/proc/version/media"))
        }
        #expect(error?.code == .notWritable)
        #expect(error?.message.contains("/proc/version/media") == true)
    }

    @Test("identifiers are random, URL-safe, never start like a command-line option, and validated")
    func identifiers() {
        let ids = (0..<2_000).map { _ in ResourceID.generate() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { ResourceID.isValid($0) })
        // 1 in 64 would without the rule: `parlons sync pair --group -x…` reads "-x…" as an option.
        #expect(!ids.contains { $0.hasPrefix("-") })
        #expect(Set(ids.map(\.first)).count > 40, "the first character still varies")
        // Ids issued before the rule stay valid.
        #expect(ResourceID.isValid("-" + String(repeating: "a", count: 21)))
        for bad in ["", "../../../../etc/passwd", "abc", String(repeating: "a", count: 23), "aaaaaaaaaaaaaaaaaaaa/a", "aaaaaaaaaaaaaaaaaaaa.."] {
            #expect(!ResourceID.isValid(bad), "\(bad)")
        }
    }
}
