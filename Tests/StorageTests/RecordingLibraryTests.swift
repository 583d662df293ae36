import Foundation
import Storage
import Testing
import TestSupport

@Suite("Recording library: SQLite rows and Opus files together")
struct RecordingLibraryTests {
    /// A library on a fresh folder with a real SQLite file.
    static func makeLibrary() throws -> (RecordingLibrary, URL) {
        let root = try ExternalTool.temporaryDirectory("parlons-storage")
        return (try RecordingLibrary.open(root: root), root)
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
        let path = library.blobs.path(sha256: recording.sha256)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
        // The hash agrees with coreutils' sha256sum.
        let sum = try ExternalTool.run("sha256sum", [path]).stdout.prefix(64)
        #expect(recording.sha256 == String(sum))
        #expect(path.hasSuffix("\(recording.sha256.prefix(2))/\(recording.sha256.dropFirst(2).prefix(2))/\(recording.sha256).opus"))
        #expect(try await library.metadata.recording(id: recording.id) == recording)
        // Nothing is left in the incoming folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("recordings/.incoming").path).isEmpty)
        // The database is a real file, in WAL mode.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("parlons.sqlite").path))
    }

    @Test("listing is newest first and pages without gaps or repeats")
    func paging() async throws {
        let (library, root) = try Self.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        var ids: [String] = []
        for index in 0..<7 { ids.append(try await Self.store(library, bytes: [UInt8(index), 1, 2], title: "n\(index)").id) }
        var seen: [String] = []
        var before: Int64?
        while true {
            let page = try await library.metadata.recordings(limit: 3, before: before)
            seen += page.map(\.id)
            guard page.count == 3 else { break }
            before = page.last!.seq
        }
        #expect(seen == ids.reversed())
    }

    @Test("update changes title and language only")
    func update() async throws {
        let (library, root) = try Self.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let recording = try await Self.store(library, bytes: [1, 2, 3])
        let updated = try #require(try await library.metadata.update(id: recording.id, title: "Chez le médecin", language: nil, groupId: nil, picture: nil))
        #expect(updated.title == "Chez le médecin" && updated.language == "fr" && updated.sha256 == recording.sha256)
        #expect(try await library.metadata.update(id: ResourceID.generate(), title: "x", language: nil, groupId: nil, picture: nil) == nil)
    }

    @Test("deleting removes the file, but not while another recording shares it")
    func deleteSharedContent() async throws {
        let (library, root) = try Self.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try await Self.store(library, bytes: [9, 9, 9])
        let second = try await Self.store(library, bytes: [9, 9, 9])
        #expect(first.sha256 == second.sha256 && first.id != second.id)
        let path = library.blobs.path(sha256: first.sha256)
        #expect(try await library.delete(id: first.id)?.id == first.id)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try await library.delete(id: second.id)?.id == second.id)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try await library.delete(id: second.id) == nil)
        #expect(try await library.metadata.count() == 0)
    }

    @Test("an unfinished write leaves nothing behind")
    func discardUnfinished() throws {
        let (library, root) = try Self.makeLibrary()
        defer { try? FileManager.default.removeItem(at: root) }
        var path = ""
        do {
            let incoming = try library.blobs.beginWrite()
            path = incoming.temporaryPath
            try [UInt8](repeating: 1, count: 100_000).withUnsafeBytes { try incoming.write($0) }
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
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
        let orphan = URL(fileURLWithPath: library.blobs.path(sha256: orphanHash))
        try FileManager.default.createDirectory(at: orphan.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([5]).write(to: orphan)
        // Reopen as a restarted server would.
        let reopened = try RecordingLibrary.open(root: root)
        let report = try await reopened.recover()
        #expect(report.unfinishedWritesRemoved == 1 && report.orphanBlobsRemoved == 1)
        #expect(!FileManager.default.fileExists(atPath: part.path) && !FileManager.default.fileExists(atPath: orphan.path))
        #expect(FileManager.default.fileExists(atPath: reopened.blobs.path(sha256: kept.sha256)))
        #expect(try await reopened.metadata.recording(id: kept.id) == kept)
    }

    @Test("a media root that cannot be created is a clear error")
    func unwritableRoot() throws {
        let error = #expect(throws: StorageError.self) {
            _ = try RecordingLibrary.open(root: URL(fileURLWithPath: "/proc/version/media"))
        }
        #expect(error?.code == .notWritable)
        #expect(error?.message.contains("/proc/version/media") == true)
    }

    @Test("identifiers are random, URL-safe and validated")
    func identifiers() {
        let ids = (0..<2_000).map { _ in ResourceID.generate() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { ResourceID.isValid($0) })
        for bad in ["", "../../../../etc/passwd", "abc", String(repeating: "a", count: 23), "aaaaaaaaaaaaaaaaaaaa/a", "aaaaaaaaaaaaaaaaaaaa.."] {
            #expect(!ResourceID.isValid(bad), "\(bad)")
        }
    }
}
