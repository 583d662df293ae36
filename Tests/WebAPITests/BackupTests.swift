import Foundation
import Testing
import TestSupport

/// `parlons backup` while the server runs and uploads go on, then `parlons restore` into a fresh
/// root served by a new server, compared with the original: rows, files, a decoded recording.
@Suite("Backup and restore", .serialized)
struct BackupTests {
    static func cli(_ arguments: [String]) async throws -> ExternalTool.Output {
        try await ExternalTool.run(ServerProcess.binaryPath, arguments, requireSuccess: false)
    }

    @Test("a backup taken under load restores into a fresh root identical to what it copied")
    func backupAndRestore() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let scratch = try ExternalTool.temporaryDirectory("parlons-backup")
        defer { try? FileManager.default.removeItem(at: scratch) }

        // Content of every kind: recordings (WAV, WebM), a transcript, a photo.
        var before: [String] = []
        let webm = [UInt8](try Data(contentsOf: StorageFaultTests.fixture("chromium-webm-opus.webm")))
        for (index, body) in [StorageFaultTests.wav(seconds: 3, tone: 220), webm, StorageFaultTests.wav(seconds: 8, tone: 330)].enumerated() {
            let response = try await client.send("POST", "/api/recordings?title=before-\(index)&language=fr", body: .bytes(body))
            before.append(try #require(try response.json()["id"] as? String, "\(response.text)"))
        }
        let transcript = try await client.send("PUT", "/api/recordings/\(before[0])/transcripts/fr", headers: [("Content-Type", "text/plain")],
                                                body: .bytes(Array("Bonjour. Je m'appelle Amina.".utf8)))
        #expect(transcript.status == 201, "\(transcript.text)")
        let me = try await client.get("/api/auth/me").json()
        let adminId = try #require((me["person"] as? [String: Any])?["id"] as? String ?? me["id"] as? String)
        #expect(try await client.send("PUT", "/api/people/\(adminId)/avatar", body: .bytes(try PhotoTests.png(size: 8, shade: 40))).status == 204)

        // The backup runs while 8 more uploads come in.
        let destination = scratch.appendingPathComponent("backup")
        async let during: [Int] = withTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    (try? await client.send("POST", "/api/recordings?title=during-\(index)",
                                            body: .chunked(StorageFaultTests.wav(seconds: 4, tone: 400 + Double(index) * 20), pieceSize: 8_192)))?.status ?? 0
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let backup = try await Self.cli(["backup", destination.path, "--media", server.mediaRoot.path])
        let statuses = await during
        #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("recordings"), "\(backup.stdout)")

        // The backup is consistent on its own: sound database, every file it names, nothing else.
        let backupRows = try CrashChecks.rows(destination)
        #expect(Set(backupRows.map(\.title)).isSuperset(of: ["before-0", "before-1", "before-2"]))
        #expect(try CrashChecks.sqlite(destination, "PRAGMA integrity_check").trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        #expect(try CrashChecks.unreferencedFiles(destination, rows: backupRows).isEmpty)
        #expect(try CrashChecks.temporaryFiles(destination).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("parlons.sqlite-wal").path))

        // Restored into a fresh root: the same database, row for row, and the same bytes served.
        let fresh = scratch.appendingPathComponent("fresh")
        let restore = try await Self.cli(["restore", destination.path, "--media", fresh.path])
        #expect(restore.status == 0, "\(restore.stderr)")
        let dump = { (root: URL) in try CrashChecks.sqlite(root, ".dump") }
        #expect(try dump(fresh) == dump(destination))
        let restored = try await ServerProcess.start(mediaRoot: fresh)
        defer { restored.stop() }
        let original = try await CrashChecks.listing(server), copy = try await CrashChecks.listing(restored)
        #expect(copy.count == backupRows.count)
        for (id, entry) in copy {
            #expect(original[id]?.sha256 == entry.sha256 && original[id]?.title == entry.title)
            let old = try await client.get("/api/recordings/\(id)").json(), new = try await restored.client.get("/api/recordings/\(id)").json()
            #expect(NSDictionary(dictionary: old) == NSDictionary(dictionary: new), "\(id)")
            #expect(try await restored.client.get("/media/\(id).opus").body == client.get("/media/\(id).opus").body)
            #expect(try await restored.client.get("/api/recordings/\(id)/peaks.json").body == client.get("/api/recordings/\(id)/peaks.json").body)
        }
        let decodedOld = try await client.get("/media/\(before[1]).wav"), decodedNew = try await restored.client.get("/media/\(before[1]).wav")
        #expect(decodedNew.status == 200 && decodedNew.body.count > 44 && decodedNew.body == decodedOld.body)
        #expect(try await restored.client.get("/api/recordings/\(before[0])/transcripts/fr.vtt").body
                == client.get("/api/recordings/\(before[0])/transcripts/fr.vtt").body)
        #expect(try await restored.client.get("/api/people/\(adminId)/avatar").body == client.get("/api/people/\(adminId)/avatar").body)
    }

    @Test("backup and restore refuse to overwrite, and a damaged backup restores nothing")
    func refusals() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let response = try await server.client.send("POST", "/api/recordings?title=one", body: .bytes(StorageFaultTests.wav(seconds: 2, tone: 250)))
        let sha = try #require(try response.json()["sha256"] as? String)
        let scratch = try ExternalTool.temporaryDirectory("parlons-backup")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let destination = scratch.appendingPathComponent("backup")
        #expect(try await Self.cli(["backup", destination.path, "--media", server.mediaRoot.path]).status == 0)

        let again = try await Self.cli(["backup", destination.path, "--media", server.mediaRoot.path])
        #expect(again.status != 0 && again.stderr.contains("is not empty"), "\(again.stderr)")
        let overLive = try await Self.cli(["restore", destination.path, "--media", server.mediaRoot.path])
        #expect(overLive.status != 0 && overLive.stderr.contains("exists: restore into a fresh media root"), "\(overLive.stderr)")
        let notBackup = try await Self.cli(["restore", scratch.path, "--media", scratch.appendingPathComponent("x").path])
        #expect(notBackup.status != 0 && notBackup.stderr.contains("not a finished Parlons backup"), "\(notBackup.stderr)")

        // One flipped byte in a stored file: the restore names it and leaves no database behind.
        let file = CrashChecks.blobPath(destination, "recordings", sha, "opus")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let fresh = scratch.appendingPathComponent("fresh")
        let damaged = try await Self.cli(["restore", destination.path, "--media", fresh.path])
        #expect(damaged.status != 0 && damaged.stderr.contains("is damaged") && damaged.stderr.contains(sha), "\(damaged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh.appendingPathComponent("parlons.sqlite").path))
    }
}
