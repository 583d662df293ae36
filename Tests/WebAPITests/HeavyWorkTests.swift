import Foundation
import Synchronization
import Testing
import TestSupport

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

    /// The uploads' answers, shared between their threads and the probing thread.
    final class Uploads: Sendable {
        private let statuses = Mutex<[Int]>([])
        func ended(_ status: Int) { statuses.withLock { $0.append(status) } }
        var answered: [Int] { statuses.withLock { $0 } }
    }

    /// Polls `condition` every 50 ms for up to `seconds`; true once it held.
    static func eventually(seconds: Double = 120, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test("/healthz and a signed-in read are answered at once while large uploads encode")
    func answeredWhileEncoding() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        // 44.1 kHz stereo: downmixed, resampled and encoded, the heaviest kind of WAV per byte. Two
        // uploads keep both cores busy; with the encoders on the threads every request shares, a
        // probe waited for most of an upload (4 to 18 s here, debug build, with 30 to 60 s of audio).
        let wav = TestWAV.make(Signals.sweep(from: 200, to: 3_000, sampleRate: 44_100, seconds: 45), sampleRate: 44_100, channels: 2)
        let uploadCount = 2
        let uploads = Uploads()
        // Every client runs on a thread of its own, and each probe is timed and started there: the
        // figures and the moments are the server's, not this test process's busy task threads'.
        for index in 0..<uploadCount {
            Thread {
                uploads.ended((try? client.sendBlocking("POST", "/api/recordings?title=busy-\(index)", body: .bytes(wav)))?.status ?? 0)
            }.start()
        }
        // While both uploads are being encoded (each has its file being written) and until the
        // first is stored, probe four times a second.
        let anonymous = server.anonymous
        let probes = await HostileClientTests.onThread { () -> [Probe] in
            var measured: [Probe] = []
            let deadline = Date().addingTimeInterval(600)
            while uploads.answered.isEmpty, measured.count < 80, Date() < deadline {
                guard ((try? LiveServerTests.incomingFiles(server).count) ?? 0) >= uploadCount else {
                    Thread.sleep(forTimeInterval: 0.02)
                    continue
                }
                for (path, prober) in [("/healthz", anonymous), ("/api/recordings?limit=1", client)] {
                    let start = ContinuousClock.now
                    let status = (try? prober.sendBlocking("GET", path))?.status ?? 0
                    measured.append(Probe(path: path, took: ContinuousClock.now - start, status: status))
                }
                Thread.sleep(forTimeInterval: 0.25)
            }
            return measured
        }
        #expect(try await Self.eventually(seconds: 600) { uploads.answered.count == uploadCount }, "the uploads never all ended")
        #expect(uploads.answered == Array(repeating: 201, count: uploadCount))
        // Without this the test would prove nothing: the probes must have met the busy server.
        #expect(probes.count >= 6, "the uploads ended before the server could be probed while both ran (\(probes.count) probes)")
        for probe in probes {
            #expect(probe.status == 200, "\(probe.path)")
            // Generous: milliseconds when the pool does the work, whatever else runs on the
            // machine; the length of an upload when the encoders held the shared threads.
            #expect(probe.took < .seconds(2), "\(probe.path) took \(probe.took) while uploads encoded")
        }
    }

    @Test("with every place taken, heavy requests get 503 server_busy with Retry-After and leave nothing; light ones are answered")
    func fullPool() async throws {
        let server = try await ServerProcess.start(arguments: ["--work-threads", "1", "--work-queue", "0"])
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
