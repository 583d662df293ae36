import Foundation
import Testing
import TestSupport

/// `Idempotency-Key` on uploads: a kiosk that lost the answer to an upload sends it again with the
/// same key and must not make a second recording.
@Suite("Upload idempotency")
struct UploadIdempotencyTests {
    static let wav = TestWAV.make(Signals.sine(frequency: 330, sampleRate: 16_000, seconds: 1), sampleRate: 16_000)

    static func upload(_ client: HTTPTestClient, key: String?, body: [UInt8] = wav) async throws -> HTTPTestClient.Response {
        try await client.send("POST", "/api/recordings?title=essai", headers: key.map { [("Idempotency-Key", $0)] } ?? [], body: .bytes(body))
    }

    static func count(_ client: HTTPTestClient) async throws -> Int {
        (try await client.get("/api/recordings?limit=200").json()["recordings"] as? [Any])?.count ?? -1
    }

    @Test("same key, same caller: the same answer and one recording; other keys and callers are their own")
    func sameKeySameRecording() async throws {
        let world = try await TestWorld.make()
        defer { world.server.stop(); world.server.removeMediaRoot() }
        let owner = world.clients[.owner]!, peer = world.clients[.peer]!
        let first = try await Self.upload(owner, key: "k-0001")
        #expect(first.status == 201, "\(first.text)")
        let again = try await Self.upload(owner, key: "k-0001")
        #expect(again.status == 201)
        #expect(again.text == first.text)
        #expect(again.header("Location") == first.header("Location"))
        let other = try await Self.upload(owner, key: "k-0002")
        let otherCaller = try await Self.upload(peer, key: "k-0001")
        let ids = try [first, other, otherCaller].map { try #require($0.json()["id"] as? String) }
        #expect(Set(ids).count == 3)
        #expect(try await Self.count(world.admin) == 3)
    }

    @Test("retries sent at once wait for the first and share its recording")
    func concurrentRetries() async throws {
        let world = try await TestWorld.make()
        defer { world.server.stop(); world.server.removeMediaRoot() }
        let owner = world.clients[.owner]!
        let long = TestWAV.make(Signals.sweep(from: 200, to: 2_000, sampleRate: 48_000, seconds: 20), sampleRate: 48_000)
        let answers = try await withThrowingTaskGroup(of: HTTPTestClient.Response.self) { group in
            for _ in 0..<4 { group.addTask { try await Self.upload(owner, key: "same-key", body: long) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 201 })
        #expect(Set(try answers.map { try #require($0.json()["id"] as? String) }).count == 1)
        #expect(try await Self.count(world.admin) == 1)
    }

    @Test("a key whose recording was withdrawn gets 410; a malformed key 422")
    func withdrawnAndMalformed() async throws {
        let world = try await TestWorld.make()
        defer { world.server.stop(); world.server.removeMediaRoot() }
        let owner = world.clients[.owner]!
        let first = try await Self.upload(owner, key: "gone")
        let id = try #require(try first.json()["id"] as? String)
        #expect(try await owner.send("DELETE", "/api/recordings/\(id)").status == 204)
        let retry = try await Self.upload(owner, key: "gone")
        #expect(retry.status == 410)
        #expect(retry.text.contains("withdrawn"))
        for bad in ["", "with space", String(repeating: "x", count: 201), "é"] {
            let response = try await Self.upload(owner, key: bad)
            #expect(response.status == 422, "\(bad): \(response.status)")
            #expect(response.text.contains("Idempotency-Key"))
        }
        #expect(try await Self.count(world.admin) == 0)
    }

    @Test("the key survives a restart: a retry after the server came back gets the first recording")
    func survivesRestart() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let first = try await Self.upload(server.client, key: "before-restart")
        #expect(first.status == 201)
        await server.stop()
        let again = try await ServerProcess.start(mediaRoot: server.mediaRoot)
        defer { again.stop() }
        let retry = try await Self.upload(again.client, key: "before-restart")
        #expect(retry.status == 201)
        #expect(retry.text == first.text)
        #expect(try await Self.count(again.client) == 1)
    }
}
