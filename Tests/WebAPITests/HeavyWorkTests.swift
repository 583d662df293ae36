import Foundation
import TestSupport
import Testing

/// CPU-heavy work (encoding uploads, decoding WAV answers, peaks) runs on the server's own bounded
/// pool: other requests are answered while it runs, and once every place is taken heavy requests
/// are refused with a 503 that leaves nothing behind.
@Suite("Heavy work off the request path: a bounded pool, 503 when it is full", .serialized)
struct HeavyWorkTests {
    /// What a probe measured: which request, how long its answer took, its status.
    struct Probe: Sendable {
        let path: String
        let took: Duration
        let status: Int
    }

    /// Counts uploads that have been answered, from their own tasks.
    actor Uploads {
        private(set) var answered = 0
        func ended() { answered += 1 }
    }

    /// Polls `condition` every 50 ms for up to `seconds`; true once it held.
    static func eventually(seconds: Double = 60, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test("/healthz and a signed-in read are answered at once while several large uploads encode")
    func answeredWhileEncoding() async throws {
        let server = try ServerProcess()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        // 44.1 kHz stereo: downmixed, resampled and encoded, the heaviest kind of WAV per byte.
        let wav = TestWAV.make(Signals.sweep(from: 200, to: 3_000, sampleRate: 44_100, seconds: 20), sampleRate: 44_100, channels: 2)
        let uploadCount = 4
        let uploads = Uploads()
        let began = ContinuousClock.now
        let statuses = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<uploadCount {
                    group.addTask {
                        let answer = try await client.send("POST", "/api/recordings?title=busy-\(index)", body: .bytes(wav))
                        await uploads.ended()
                        return answer.status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        // The server is busy once an upload has its file being written (on a loaded machine the
        // first may be stored before the last begins, so not all of them need be at once).
        let started = try await Self.eventually { try LiveServerTests.incomingFiles(server).count >= 1 }
        // While all of them are still being encoded, probe every quarter second, each probe on
        // its own connection and without waiting for the previous one.
        var probes: [Task<Probe, any Error>] = []
        while await uploads.answered == 0, probes.count < 80 {
            for (path, prober) in [("/healthz", server.anonymous), ("/api/recordings?limit=1", client)] {
                probes.append(Task {
                    let start = ContinuousClock.now
                    let answer = try await prober.get(path)
                    return Probe(path: path, took: ContinuousClock.now - start, status: answer.status)
                })
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        // How long the uploads kept the server busy: the yardstick the probes are held to, so
        // that a machine loaded by other work slows both alike.
        let busy = ContinuousClock.now - began
        var measured: [Probe] = []
        for probe in probes { measured.append(try await probe.value) }
        #expect(started, "no upload ever began")
        #expect(try await statuses.value == Array(repeating: 201, count: uploadCount))
        // Without this the test would prove nothing: the probes must have met the busy server.
        #expect(measured.count >= 6, "the uploads ended before the server could be probed (\(measured.count) probes)")
        for probe in measured {
            #expect(probe.status == 200, "\(probe.path)")
            // Answered in milliseconds when the pool does the work; when the encoders held the
            // threads every request shares, a probe waited about as long as the uploads took.
            #expect(probe.took < busy / 4, "\(probe.path) took \(probe.took) while uploads kept the server busy for \(busy)")
        }
    }

    @Test("with every place taken, heavy requests get 503 server_busy with Retry-After and leave nothing; light ones are answered")
    func fullPool() async throws {
        let server = try ServerProcess(arguments: ["--work-threads", "1", "--work-queue", "0"])
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let first = try await client.send("POST", "/api/recordings?title=first", body: .bytes(LiveServerTests.speechWAV()))
        #expect(first.status == 201, "\(first.text)")
        let id = try #require(try first.json()["id"] as? String)

        // An upload holding the only place: half of its body sent, the rest kept back.
        let wav = LiveServerTests.speechWAV(seconds: 4)
        let held = try RawConnection(port: server.port)
        let token = try #require(server.adminToken)
        #expect(held.send("POST /api/recordings?title=held HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Length: \(wav.count)\r\nConnection: close\r\n\r\n"))
        #expect(held.send(Array(wav.prefix(wav.count / 2))))
        #expect(try await Self.eventually { try LiveServerTests.incomingFiles(server).count == 1 }, "the held upload never began")

        let refused = try await client.send("POST", "/api/recordings?title=refused", body: .bytes(wav))
        #expect(refused.status == 503 && refused.errorCode == "server_busy", "\(refused.status) \(refused.text)")
        #expect(refused.header("Retry-After").flatMap { Int($0) }.map { $0 > 0 } == true)
        // Only the held upload's file is being written: the refused one left none.
        #expect(try LiveServerTests.incomingFiles(server).count == 1)
        for path in ["/media/\(id).wav", "/media/\(id).caf", "/api/recordings/\(id)/peaks.json"] {
            let busy = try await client.get(path)
            #expect(busy.status == 503 && busy.errorCode == "server_busy" && busy.header("Retry-After") != nil, "\(path): \(busy.status)")
        }
        // What needs no heavy work is answered as usual.
        #expect(try await server.anonymous.get("/healthz").status == 200)
        #expect(try await client.get("/api/recordings/\(id)").status == 200)
        #expect(try await client.get("/media/\(id).opus").status == 200)

        // The held upload ends and is stored; its place is free again.
        #expect(held.send(Array(wav.dropFirst(wav.count / 2))))
        let stored = try await HostileClientTests.onThread { Result { try held.response(method: "POST") } }.get()
        #expect(stored.status == 201, "\(stored.text)")
        let retried = try await client.send("POST", "/api/recordings?title=refused", body: .bytes(wav))
        #expect(retried.status == 201, "\(retried.text)")
        let decoded = try await client.get("/media/\(id).wav")
        #expect(decoded.status == 200 && decoded.body.count == 44 + 2 * 48_000 * 2)
        let titles = try #require(try await client.get("/api/recordings").json()["recordings"] as? [[String: Any]]).compactMap { $0["title"] as? String }
        #expect(titles.sorted() == ["first", "held", "refused"])
        #expect(try LiveServerTests.incomingFiles(server).isEmpty)
    }
}
