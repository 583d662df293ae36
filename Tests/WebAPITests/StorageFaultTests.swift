import Foundation
import Testing
import TestSupport

/// The real server on a disk that fills up or cannot be written, and on a database another
/// process keeps locked: clear answers, nothing half-written, nothing acknowledged lost.
@Suite("Storage faults: full disk, read-only media root, locked database", .serialized)
struct StorageFaultTests {
    static func wav(seconds: Double, tone: Double) -> [UInt8] {
        TestWAV.make(Signals.sweep(from: tone, to: tone * 4, sampleRate: 16_000, seconds: seconds), sampleRate: 16_000)
    }

    /// No temporary file, no file without a row, no row without its file, every stored recording
    /// listed and served as it was stored, and the database passes `integrity_check`.
    static func expectConsistent(_ server: ServerProcess, stored: [String: [UInt8]], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let root = server.mediaRoot
        #expect(try CrashChecks.temporaryFiles(root).isEmpty, "temporary files left", sourceLocation: sourceLocation)
        let rows = try CrashChecks.rows(root)
        #expect(try CrashChecks.unreferencedFiles(root, rows: rows).isEmpty, "files without a row", sourceLocation: sourceLocation)
        for row in rows {
            #expect(FileManager.default.fileExists(atPath: CrashChecks.blobPath(root, "recordings", row.sha256, "opus")),
                    "\(row.title) has no file", sourceLocation: sourceLocation)
        }
        let listed = try await CrashChecks.listing(server)
        #expect(Set(listed.keys) == Set(stored.keys), sourceLocation: sourceLocation)
        for (id, bytes) in stored {
            let served = try await server.client.get("/media/\(id).opus")
            #expect(served.status == 200 && served.body == bytes, "\(id) served \(served.status)", sourceLocation: sourceLocation)
        }
        #expect(try CrashChecks.sqlite(root, "PRAGMA integrity_check").trimmingCharacters(in: .whitespacesAndNewlines) == "ok",
                sourceLocation: sourceLocation)
    }

    static func upload(_ server: ServerProcess, _ body: [UInt8], title: String, into stored: inout [String: [UInt8]]) async throws -> HTTPTestClient.Response {
        let response = try await server.client.send("POST", "/api/recordings?title=\(title)", body: .bytes(body))
        if response.status == 201, let id = try response.json()["id"] as? String {
            stored[id] = try await server.client.get("/media/\(id).opus").body
        }
        return response
    }

    @Test("a full disk: 507 with a clear message, nothing half-written, reads go on, uploads resume once space is freed")
    func fullDisk() async throws {
        let disk = try TmpfsMount(bytes: 8 << 20)
        defer { disk.unmount() }
        let server = try await ServerProcess.start(mediaRoot: disk.path)
        defer { server.kill() }
        var stored: [String: [UInt8]] = [:]
        // A token made now and first used once the disk is full: noting when it was last used is a
        // write, and it must not make that read fail.
        let made = try await server.client.send("POST", "/api/tokens", body: .json(["name": "first used on a full disk"]))
        let unused = try #require(try made.json()["secret"] as? String, "\(made.status) \(made.text)")
        // Leave room for a few 20-second recordings (about 60 KB of Opus each), then fill it up.
        disk.fill("filler", bytes: disk.freeBytes - 400_000)
        var refusal: HTTPTestClient.Response?
        for index in 0..<40 {
            let response = try await Self.upload(server, Self.wav(seconds: 20, tone: 100 + Double(index) * 7), title: "full-\(index)", into: &stored)
            if response.status != 201 { refusal = response; break }
        }
        let full = try #require(refusal, "40 uploads of 20 s fitted in 400 KB")
        #expect(full.status == 507 && full.errorCode == "insufficient_storage", "\(full.status) \(full.text)")
        #expect(full.errorMessage?.contains("no space left") == true)
        #expect(stored.count >= 2)
        try await Self.expectConsistent(server, stored: stored)

        // Not one byte left: every kind of upload gets 507, streamed or not, short or long.
        disk.fill("filler-2")
        let webm = [UInt8](try Data(contentsOf: Self.fixture("chromium-webm-opus.webm")))
        for (index, body) in [HTTPTestClient.Body.bytes(Self.wav(seconds: 1, tone: 900)),
                              .chunked(Self.wav(seconds: 60, tone: 300), pieceSize: 16_384), .bytes(webm)].enumerated() {
            let response = try await server.client.send("POST", "/api/recordings?title=none-\(index)", body: body)
            #expect(response.status == 507 && response.errorCode == "insufficient_storage", "\(response.status) \(response.text)")
        }
        // A deletion on a full disk either happens whole or not at all.
        let victim = try #require(stored.keys.sorted().first)
        let deletion = try await server.client.send("DELETE", "/api/recordings/\(victim)")
        #expect([204, 507].contains(deletion.status), "\(deletion.status) \(deletion.text)")
        if deletion.status == 204 { stored[victim] = nil }
        #expect(try await server.client.get("/healthz").status == 200)
        let reader = server.client(token: unused)
        let listing = try await reader.get("/api/recordings")
        #expect(listing.status == 200, "\(listing.status) \(listing.text)")
        if let id = stored.keys.sorted().last {
            let served = try await reader.get("/media/\(id).opus")
            #expect(served.status == 200 && served.body == stored[id], "\(served.status)")
        }
        try await Self.expectConsistent(server, stored: stored)

        // Space freed: uploads are taken again, and all is still whole.
        try FileManager.default.removeItem(at: disk.path.appendingPathComponent("filler"))
        try FileManager.default.removeItem(at: disk.path.appendingPathComponent("filler-2"))
        let again = try await Self.upload(server, Self.wav(seconds: 3, tone: 440), title: "after", into: &stored)
        #expect(again.status == 201, "\(again.text)")
        try await Self.expectConsistent(server, stored: stored)
    }

    @Test("a read-only media root at start-up: a clear error and exit status 1, not a crash")
    func readOnlyMediaRoot() async throws {
        let empty = try TmpfsMount(bytes: 1 << 20, readOnly: true)
        defer { empty.unmount() }
        let refused = try await Self.serveExpectingExit(media: empty.path)
        #expect(refused.status == 1 && refused.exited, "\(refused.output)")
        #expect(refused.output.contains("cannot create the media folders under \(empty.path.path)"), "\(refused.output)")

        let disk = try TmpfsMount(bytes: 4 << 20)
        defer { disk.unmount() }
        let server = try await ServerProcess.start(mediaRoot: disk.path)
        var stored: [String: [UInt8]] = [:]
        #expect(try await Self.upload(server, Self.wav(seconds: 2, tone: 200), title: "kept", into: &stored).status == 201)
        await server.stop()
        try disk.remount(readOnly: true)
        let readOnly = try await Self.serveExpectingExit(media: disk.path)
        #expect(readOnly.status == 1 && readOnly.exited, "\(readOnly.output)")
        #expect(readOnly.output.contains("cannot write to the media root") && readOnly.output.contains("Read-only file system"), "\(readOnly.output)")
        // Writable again, the recording is all there.
        try disk.remount(readOnly: false)
        let restarted = try await ServerProcess.start(mediaRoot: disk.path)
        defer { restarted.kill() }
        try await Self.expectConsistent(restarted, stored: stored)
    }

    @Test("a database locked by another process: writes wait, then 503 with Retry-After; nothing half-done")
    func lockedDatabase() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        var stored: [String: [UInt8]] = [:]
        #expect(try await Self.upload(server, Self.wav(seconds: 2, tone: 200), title: "before", into: &stored).status == 201)
        let database = server.mediaRoot.appendingPathComponent("parlons.sqlite").path

        // Another program holds the write lock: reads go on (WAL), writes wait for the busy timeout.
        let writer = try DatabaseLocker(database: database)
        #expect(try await server.client.get("/api/recordings").status == 200)
        let started = ContinuousClock.now
        let refused = try await server.client.send("POST", "/api/recordings?title=locked", body: .bytes(Self.wav(seconds: 2, tone: 300)))
        let waited = ContinuousClock.now - started
        #expect(refused.status == 503 && refused.errorCode == "storage_busy", "\(refused.status) \(refused.text)")
        #expect(refused.header("Retry-After") != nil)
        #expect(waited >= .seconds(4), "answered after \(waited), before the busy timeout")
        let id = try #require(stored.keys.first)
        let patch = try await server.client.send("PATCH", "/api/recordings/\(id)", body: .bytes(Array(#"{"title":"renamed"}"#.utf8)))
        #expect(patch.status == 503 && patch.header("Retry-After") != nil, "\(patch.status) \(patch.text)")
        writer.release()
        try await Self.expectConsistent(server, stored: stored)
        #expect(try await Self.upload(server, Self.wav(seconds: 2, tone: 300), title: "unlocked", into: &stored).status == 201)
        try await Self.expectConsistent(server, stored: stored)
    }

    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// Runs `parlons serve` on `media`, which must refuse to start: its exit status and output. On a
    /// thread of its own: the wait (up to 30 s) must not hold a thread async tests share.
    static func serveExpectingExit(media: URL) async throws -> (status: Int32, exited: Bool, output: String) {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServerProcess.binaryPath)
            process.arguments = ["serve", "--port", "0", "--media", media.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, process.terminationReason == .exit, text)
        }
    }
}

/// Another process (Python's sqlite3) holding the database's write lock (`BEGIN EXCLUSIVE`, which in
/// WAL mode leaves readers alone) until released, as a long script or an open sqlite3 shell would.
final class DatabaseLocker {
    private let process = Process()
    private let input = Pipe()

    static let script = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("SELECT count(*) FROM recording").fetchall()
        print("locked", flush=True)
        sys.stdin.read()
        connection.execute("ROLLBACK")
        connection.close()
        """

    init(database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, database]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.contains("locked") else { throw ExternalTool.Failure.notInstalled("python3 sqlite3 (said \(line))") }
    }

    /// Lets go of the lock and waits for the process to end.
    func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
