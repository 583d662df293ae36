import Foundation
import S3Storage
import TestSupport
import Testing

/// A node killed with SIGKILL in the middle of uploads, while another keeps serving: what was
/// acknowledged is whole on the other node, and the leftovers go once the grace period is over —
/// not before, since they could as well be another node's uploads in flight.
@Suite("A node killed during uploads")
struct NodeCrashTests {
    @Test("kill -9 of A during 8 concurrent uploads loses nothing acknowledged; after the grace period no unreferenced blob is left")
    func killDuringUploads() async throws {
        let network = try await NodeNetwork.make()
        defer { network.tearDown() }
        let a = try await network.node(), b = try await network.node()
        defer { b.stop(); b.removeMediaRoot(); a.removeMediaRoot() }
        let adminA = network.admin(a), adminB = network.admin(b)

        // Eight uploads of 1 to 8 seconds, sent in 8 KB pieces 50 ms apart: A is killed once
        // three have been answered, with the longer ones still streaming in.
        let bodies = (0..<8).map { index in
            TestWAV.make(Signals.sine(frequency: 220 + 40 * Double(index), sampleRate: 16_000, seconds: 1 + Double(index)), sampleRate: 16_000)
        }
        var outcomes: [Int: HTTPTestClient.Outcome] = [:]
        try await withThrowingTaskGroup(of: (Int, HTTPTestClient.Outcome).self) { group in
            for (index, body) in bodies.enumerated() {
                group.addTask {
                    (index, await adminA.adding([("Content-Type", "audio/wav")])
                        .attempt("POST", "/api/recordings?title=take-\(index)", body: body, pieceSize: 8_192, pause: 0.05))
                }
            }
            for try await (index, outcome) in group {
                outcomes[index] = outcome
                if outcomes.count == 3 { await a.kill() }
            }
        }
        #expect(!a.isRunning)
        var acknowledged: [(id: String, sha256: String)] = []
        for (index, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            guard case .answered(let response) = outcome, response.status == 201 else { continue }
            let json = try response.json()
            acknowledged.append((try #require(json["id"] as? String, "take-\(index)"), try #require(json["sha256"] as? String)))
        }
        #expect(acknowledged.count >= 3)

        /// Every acknowledged upload is listed and plays back whole on B.
        func everyAcknowledgedUploadPlaysOnB() async throws {
            for (id, sha256) in acknowledged {
                #expect(try await adminB.get("/api/recordings/\(id)").status == 200)
                let played = try await adminB.get("/media/\(id).opus")
                #expect(played.status == 200 && NodeNetwork.sha256(played.body) == sha256, "recording \(id)")
            }
        }
        try await everyAcknowledgedUploadPlaysOnB()

        // What another node's uploads in flight look like: an object put whose row is not
        // committed yet, and a multipart upload half sent.
        let bucket = try network.bucketClient()
        let young = String(repeating: "5e", count: 32)
        try bucket.put("recordings/5e/5e/\(young).opus", bytes: Array("OggS not yet committed".utf8))
        let halfSent = "recordings/6f/6f/\(String(repeating: "6f", count: 32)).opus"
        let multipart = try bucket.startMultipart(halfSent)
        _ = try bucket.uploadPart(halfSent, uploadID: multipart, number: 1, bytes: [UInt8](repeating: 6, count: 1_000))
        let lastWrite = Date()

        // A restarts with the default grace period (an hour): nothing young is touched.
        let restarted = try await network.node(mediaRoot: a.mediaRoot)
        await restarted.stop()
        #expect(try network.storedHashes("recordings").contains(young))
        #expect(try bucket.unfinishedMultiparts(prefix: "").map(\.uploadID) == [multipart])
        try await everyAcknowledgedUploadPlaysOnB()

        // Past a (short) grace period, a restart leaves exactly the blobs rows refer to.
        let grace = 2.0
        try await Task.sleep(for: .seconds(max(0, grace + 0.2 - Date().timeIntervalSince(lastWrite))))
        let swept = try await network.node(mediaRoot: a.mediaRoot, ["--sweep-grace", "\(Int(grace))"])
        await swept.stop()
        #expect(try network.storedHashes("recordings") == network.referencedHashes("sha256", of: "recording"))
        #expect(try network.storedHashes("peaks") == network.referencedHashes("peaksSha256", of: "recording"))
        #expect(try bucket.unfinishedMultiparts(prefix: "").isEmpty)
        try await everyAcknowledgedUploadPlaysOnB()
    }
}
