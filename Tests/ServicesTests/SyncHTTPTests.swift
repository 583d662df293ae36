import Exercises
import Foundation
import Services
import Storage
import SyncClient
import Testing
import TestSupport

/// Sync over HTTP: a camp's stores exchanging with a live centre on loopback (the real server
/// application), as `parlons sync now` does: the same bundles and merge rules as by USB stick,
/// uploads and downloads broken at any byte and resumed, and every refusal a JSON error.
@Suite("Sync over HTTP", .serialized)
struct SyncHTTPTests {
    /// Files under a side's media root but the sync folder's (where cut transfers wait), the
    /// database's rows that matter, and the change log's end: all a half-applied bundle would change.
    static func applied(_ side: SyncSide, group: String) async throws -> SyncSnapshot {
        var snapshot = try await side.snapshot(group: group)
        snapshot.pair = nil
        snapshot.files = snapshot.files.filter { !$0.hasPrefix("/sync/") }
        return snapshot
    }

    static func size(_ url: URL) throws -> Int { try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? -1 }

    /// Some of everything on both sides, each recording `audioBytes` long; what the check needs to know.
    static func work(_ servers: PairedServers, audioBytes: Int, seed: Int) async throws -> SyncPropertyTests.Model {
        var model = SyncPropertyTests.Model()
        for (index, side) in [servers.centre, servers.camp].enumerated() {
            for number in 0..<3 {
                let owner = servers.learners[number % servers.learners.count]
                let recording = try await side.record(owner: owner, group: servers.groupId,
                                                      bytes: SyncServiceTests.bytes(seed * 100 + index * 10 + number, count: audioBytes))
                model.origin[recording.id] = index
                model.sha256[recording.id] = recording.sha256
                if number < 2 {
                    try await side.consent(recording.id, owner: owner, to: .group)
                    model.everShared.insert(recording.id)
                    try await side.attempt(servers.learners[1 - number % 2], on: recording.id, score: 80)
                    try await side.editTranscript(recording.id, text: "Phrase \(seed) \(index) \(number).", author: servers.trainer)
                }
            }
        }
        return model
    }

    /// Exchanges until nothing moves either way.
    static func settle(_ servers: PairedServers, _ peer: HTTPSyncPeer) async throws {
        for _ in 0..<6 {
            let report = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
            // A gap (a bundle lost) counts as moving: the side that lost it sends it again next.
            let summaries = report.pushed + (report.pulled.map { [$0] } ?? [])
            let moved = summaries.reduce(0) { $0 + ($1.applied ? $1.items : 0) + ($1.missedEarlier ? 1 : 0) }
            if moved == 0 { return }
        }
        Issue.record("the exchange over HTTP did not settle in 6 rounds")
    }

    @Test("a two-way exchange leaves both sides alike; the next, with nothing new, moves under 10 KB on the wire")
    func twoWay() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let model = try await Self.work(servers, audioBytes: 20_000, seed: 1)
        let wire = WireCounter()
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId, wire: wire)
        let first = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(first.pushed.last?.recordingsAdded == 2 && first.pulled?.recordingsAdded == 2, "\(first)")
        #expect(first.bytesSent > 40_000 && first.bytesReceived > 40_000, "\(first)")
        try await SyncPropertyTests().check(servers, model: model, seed: 1)

        let quiet = WireCounter()
        let second = try await servers.camp.exchange(groupId: servers.groupId,
                                                     with: centre.peer(for: servers.camp, groupId: servers.groupId, wire: quiet))
        #expect(second.pushed.allSatisfy { $0.recordingsAdded == 0 } && second.pulled?.recordingsAdded == 0)
        #expect(quiet.total < 10_240, "the second exchange moved \(quiet.total) bytes (\(quiet.sent) sent, \(quiet.received) received)")
        // Nothing waits in either side's sync folder once the exchange is done.
        #expect(try FileManager.default.subpathsOfDirectory(atPath: servers.camp.syncFolder.path).filter { $0.hasSuffix(".parlons-sync") } == [])
    }

    @Test("a camp exchanges over HTTP with a centre on PostgreSQL: both sides alike, and the next exchange adds nothing")
    func centreOnPostgres() async throws {
        let servers = try await PairedServers(learners: 2, centreSide: try await SyncSide.onPostgres("centre"))
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let model = try await Self.work(servers, audioBytes: 20_000, seed: 2)
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId, wire: WireCounter())
        let first = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(first.pushed.last?.recordingsAdded == 2 && first.pulled?.recordingsAdded == 2, "\(first)")
        try await Self.settle(servers, peer)
        try await SyncPropertyTests().check(servers, model: model, seed: 2)
        let second = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(second.pushed.allSatisfy { $0.recordingsAdded == 0 && $0.attemptsAdded == 0 } && second.pulled?.recordingsAdded == 0)
    }

    @Test("uploads and downloads cut at random bytes resume where they stopped; nothing half-applied is ever visible",
          arguments: 0..<6)
    func interrupted(seed: Int) async throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 7)
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let model = try await Self.work(servers, audioBytes: 30_000 + random.below(40_000), seed: seed)
        var peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)

        // Upload cut: the centre applies nothing, and keeps the bytes that came.
        let centreBefore = try await Self.applied(servers.centre, group: servers.groupId)
        peer.cutUploadAfter = random.below(60_000)
        await #expect(throws: SyncTransferError.self) { try await servers.camp.exchange(groupId: servers.groupId, with: peer) }
        #expect(try await Self.applied(servers.centre, group: servers.groupId) == centreBefore)
        let pushed = try #require(try FileManager.default.contentsOfDirectory(
            at: servers.camp.syncFolder.appendingPathComponent("push/\(servers.groupId)"), includingPropertiesForKeys: nil).first)
        let arrived = try await peer.receivedBytes(groupId: servers.groupId, name: pushed.lastPathComponent)
        #expect(arrived <= peer.cutUploadAfter!)

        // Download cut (the push now resumes and completes): the camp applies nothing of the pull.
        peer.cutUploadAfter = nil
        peer.cutDownloadAfter = random.below(60_000)
        let campBefore = try await Self.applied(servers.camp, group: servers.groupId)
        await #expect(throws: SyncTransferError.self) { try await servers.camp.exchange(groupId: servers.groupId, with: peer) }
        #expect(try await Self.applied(servers.camp, group: servers.groupId) == campBefore)
        let pull = servers.camp.syncFolder.appendingPathComponent("pull/\(servers.groupId)")
        let partial = try #require(try FileManager.default.contentsOfDirectory(at: pull, includingPropertiesForKeys: nil).first)
        let offered = try #require(try FileManager.default.contentsOfDirectory(
            at: servers.centre.syncFolder.appendingPathComponent("outbox/\(servers.groupId)"), includingPropertiesForKeys: nil).first)
        let kept = try Self.size(partial), whole = try Self.size(offered)
        #expect(kept == min(peer.cutDownloadAfter!, whole) && partial.lastPathComponent == offered.lastPathComponent)
        #expect(try await Self.applied(servers.centre, group: servers.groupId) != centreBefore, "the resumed push was applied")

        // Then whole: the download resumes from the bytes kept, and both sides end alike.
        peer.cutDownloadAfter = nil
        let resumed = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(resumed.pulled?.applied == true && resumed.pulled?.recordingsAdded == 2, "\(resumed)")
        #expect(resumed.bytesReceived == whole - kept, "the download went on from byte \(kept)")
        try await Self.settle(servers, peer)
        try await SyncPropertyTests().check(servers, model: model, seed: seed)
    }

    @Test("a missing, bad or stale signature is 401, an unpaired group 404, a tampered bundle 422: each a JSON error changing nothing")
    func refusals() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        _ = try await Self.work(servers, audioBytes: 2_000, seed: 3)
        let client = HTTPTestClient(port: centre.port)
        let key = try await servers.camp.service.pair(groupId: servers.groupId).key
        let before = try await Self.applied(servers.centre, group: servers.groupId)
        let path = "/api/sync/\(servers.groupId)/outbox"
        func post(_ header: String?, _ path: String) async throws -> HTTPTestClient.Response {
            try await client.send("POST", path, headers: header.map { [(SyncRequestSignature.headerName, $0)] } ?? [])
        }
        let missing = try await post(nil, path)
        #expect(missing.status == 401 && missing.errorCode == "bad_signature", "\(missing.text)")
        let wrongKey = try await post(SyncRequestSignature.header(key: Array(repeating: 7, count: 32), method: "POST", path: path), path)
        #expect(wrongKey.status == 401 && wrongKey.errorCode == "bad_signature" && wrongKey.errorMessage?.contains("pair key") == true)
        let otherPath = try await post(SyncRequestSignature.header(key: key, method: "POST", path: path + "x"), path)
        #expect(otherPath.status == 401, "a signature covers the path")
        let stale = try await post(SyncRequestSignature.header(key: key, method: "POST", path: path, now: Date().addingTimeInterval(-600)), path)
        #expect(stale.status == 401 && stale.errorCode == "stale_request", "\(stale.text)")
        // Times at the ends of Int64 (the skew overflows an Int when converted) are stale, not a crash.
        for time in [Int64.min, Int64.max, -1] {
            let far = try await post("t=\(time), sig=00", path)
            #expect(far.status == 401 && far.errorCode == "stale_request", "t=\(time): \(far.text)")
        }
        let unknown = "/api/sync/\(ResourceID.generate())/outbox"
        let unpaired = try await post(SyncRequestSignature.header(key: key, method: "POST", path: unknown), unknown)
        #expect(unpaired.status == 404 && unpaired.errorCode == "not_paired", "\(unpaired.text)")
        #expect(try await Self.applied(servers.centre, group: servers.groupId) == before)
        #expect(!FileManager.default.fileExists(atPath: servers.centre.syncFolder.appendingPathComponent("outbox").path),
                "nothing was prepared for a refused request")

        // A bundle changed on the way: refused whole, the staged bytes removed.
        let report = try await servers.camp.service.export(groupId: servers.groupId, to: servers.camp.syncFolder.appendingPathComponent("out"))
        var bytes = try Data(contentsOf: report.file)
        bytes[bytes.count - 5] ^= 0x01
        try bytes.write(to: report.file)
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        do {
            _ = try await peer.upload(groupId: servers.groupId, name: report.file.lastPathComponent, file: report.file, offset: 0, size: bytes.count)
            Issue.record("a tampered bundle was accepted")
        } catch SyncTransferError.refused(_, let status, let message) {
            #expect(status == 422 && message.hasPrefix("tampered_bundle"), "\(message)")
        }
        #expect(try await Self.applied(servers.centre, group: servers.groupId) == before)
        #expect(try await peer.receivedBytes(groupId: servers.groupId, name: report.file.lastPathComponent) == 0)
        // A wrong offset is 409 with the right one.
        await #expect(throws: SyncTransferError.wrongOffset(expected: 0, given: 10)) {
            _ = try await peer.upload(groupId: servers.groupId, name: report.file.lastPathComponent, file: report.file, offset: 10, size: bytes.count)
        }
    }

    @Test("a pushed bundle lost before it left, and a prepared one lost at the centre, are sent again over HTTP")
    func lostBundles() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let model = try await Self.work(servers, audioBytes: 5_000, seed: 4)
        var peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        peer.cutUploadAfter = 0
        await #expect(throws: SyncTransferError.self) { try await servers.camp.exchange(groupId: servers.groupId, with: peer) }
        try FileManager.default.removeItem(at: servers.camp.syncFolder.appendingPathComponent("push"))
        peer.cutUploadAfter = nil
        peer.cutDownloadAfter = 0
        await #expect(throws: SyncTransferError.self) { try await servers.camp.exchange(groupId: servers.groupId, with: peer) }
        try FileManager.default.removeItem(at: servers.centre.syncFolder.appendingPathComponent("outbox"))
        peer.cutDownloadAfter = nil
        try await Self.settle(servers, peer)
        try await SyncPropertyTests().check(servers, model: model, seed: 4)
    }

    @Test("a second exchange of the group while one runs (another process's lock) is refused at once, saying so; the lock's end frees it")
    func oneExchangeAtATime() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        // Held as another process holds it: an exclusive flock on the group's lock file.
        let locks = servers.camp.syncFolder.appendingPathComponent("locks")
        try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        let descriptor = open(locks.appendingPathComponent("\(servers.groupId).lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        await #expect(throws: SyncError.exchangeRunning(groupId: servers.groupId)) {
            _ = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        }
        close(descriptor)
        let report = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(report.refused.isEmpty && report.pulled != nil)
    }

    @Test("a bundle staged whole at the centre but never applied (the centre stopped) is applied by the next exchange")
    func wholeButUnapplied() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let model = try await Self.work(servers, audioBytes: 5_000, seed: 5)
        // The camp's bundle reached the centre's staging whole; the import never committed.
        let push = servers.camp.syncFolder.appendingPathComponent("push/\(servers.groupId)")
        let made = try await servers.camp.service.export(groupId: servers.groupId, to: push)
        let staging = servers.centre.syncFolder.appendingPathComponent("staging/\(servers.groupId)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: made.file, to: staging.appendingPathComponent(made.file.lastPathComponent))
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        #expect(try await peer.receivedBytes(groupId: servers.groupId, name: made.file.lastPathComponent) == made.bytes)
        let report = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(report.refused.isEmpty && report.pushed.first?.applied == true && report.pushed.first?.recordingsAdded == 2, "\(report)")
        try await Self.settle(servers, peer)
        try await SyncPropertyTests().check(servers, model: model, seed: 5)
    }

    @Test("a pushed bundle the centre refuses (a changed byte) is set aside: the pull still runs, and its changes go again")
    func refusedPushSetAside() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let model = try await Self.work(servers, audioBytes: 5_000, seed: 6)
        let push = servers.camp.syncFolder.appendingPathComponent("push/\(servers.groupId)")
        let made = try await servers.camp.service.export(groupId: servers.groupId, to: push)
        var bytes = try Data(contentsOf: made.file)
        bytes[bytes.count - 5] ^= 0x01
        try bytes.write(to: made.file)
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        let report = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(report.refused.count == 1 && report.refused.first?.hasPrefix("tampered_bundle") == true, "\(report.refused)")
        #expect(report.pulled?.applied == true && report.pulled?.recordingsAdded == 2, "the pull ran: \(report)")
        let setAside = servers.camp.syncFolder.appendingPathComponent("refused/\(servers.groupId)/\(made.file.lastPathComponent)")
        #expect(FileManager.default.fileExists(atPath: setAside.path))
        #expect(!FileManager.default.fileExists(atPath: made.file.path), "not sent again")
        // The refused bundle's changes were never confirmed: they go in the next bundles.
        try await Self.settle(servers, peer)
        try await SyncPropertyTests().check(servers, model: model, seed: 6)
    }

    @Test("a pulled bundle that does not fit here (a name taken) is kept: the next exchange tries it again without fetching it, and applies it once the name is free")
    func pulledMisfitKept() async throws {
        let servers = try await PairedServers(learners: 2)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        let zoe = try await servers.centre.stores.people.insertPerson(Person(name: "zoe", displayName: "Zoé", role: .learner))
        try await servers.centre.stores.people.addMember(personId: zoe.id, groupId: servers.groupId, addedBy: nil)
        let other = try await servers.camp.stores.people.insertPerson(Person(name: "zoe", displayName: "Another Zoé", role: .learner))
        let peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        func refused() async throws {
            let error = await #expect(throws: SyncError.self) { try await servers.camp.exchange(groupId: servers.groupId, with: peer) }
            if case .doesNotFit(_, let reason) = error { #expect(reason.contains("'zoe'"), "\(reason)") } else { Issue.record("\(String(describing: error))") }
        }
        try await refused()
        let firstExchange = peer.wire.received
        let pull = servers.camp.syncFolder.appendingPathComponent("pull/\(servers.groupId)")
        let kept = try FileManager.default.contentsOfDirectory(at: pull, includingPropertiesForKeys: nil)
        try #require(kept.count == 1, "the refused bundle is kept: \(kept)")
        let first = try FileManager.default.attributesOfItem(atPath: kept[0].path)[.modificationDate] as? Date
        let received = peer.wire.received
        try await Task.sleep(for: .milliseconds(20))
        try await refused()
        #expect(try FileManager.default.attributesOfItem(atPath: kept[0].path)[.modificationDate] as? Date == first, "not fetched again")
        let bundle = try Self.size(kept[0])
        #expect(peer.wire.received - received <= firstExchange - bundle,
                "the second exchange received \(peer.wire.received - received) bytes, the first \(firstExchange) with the bundle's \(bundle)")
        // The camp's other Zoé leaves: the kept bundle goes in, without a download.
        #expect(try await servers.camp.stores.people.deletePerson(id: other.id))
        let report = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
        #expect(report.pulled?.applied == true && report.bytesReceived == 0, "\(report)")
        #expect(try await servers.camp.stores.people.person(id: zoe.id)?.name == "zoe")
        #expect(try FileManager.default.contentsOfDirectory(at: pull, includingPropertiesForKeys: nil).isEmpty)
    }

    /// The property test's first 40 seeds (its operations and checks) with the exchanges over
    /// HTTP, a third of them with the upload or the download cut at a random byte.
    @Test("40 seeded runs over HTTP, exchanges cut at random bytes: after a full exchange both sides hold the same state",
          arguments: Array(0..<8))
    func convergence(pairIndex: Int) async throws {
        let servers = try await PairedServers(learners: 2, under: SyncPropertyTests.parent)
        let centre = try await LiveSyncServer(servers.centre)
        defer { Task { await centre.stop() } }
        var peer = try await centre.peer(for: servers.camp, groupId: servers.groupId)
        let property = SyncPropertyTests()
        var model = try await SyncPropertyTests.model(for: servers)
        for seed in (pairIndex * 5)..<(pairIndex * 5 + 5) {
            try await property.run(seed: seed, servers: servers, model: &model, disconnected: { random in
                peer.cutUploadAfter = random.below(3) == 0 ? random.below(3_000) : nil
                peer.cutDownloadAfter = random.below(3) == 0 ? random.below(3_000) : nil
                let centreBefore = try await Self.applied(servers.centre, group: servers.groupId)
                let push = servers.camp.syncFolder.appendingPathComponent("push/\(servers.groupId)").path
                let nothingPending = (try? FileManager.default.contentsOfDirectory(atPath: push))?.isEmpty ?? true
                do {
                    _ = try await servers.camp.exchange(groupId: servers.groupId, with: peer)
                } catch let error as SyncTransferError {
                    guard case .unreachable = error else { throw error }
                    if nothingPending, peer.cutUploadAfter != nil, peer.cutDownloadAfter == nil {
                        // Only the one upload can have failed, cut: the centre applied nothing.
                        #expect(try await Self.applied(servers.centre, group: servers.groupId) == centreBefore, "seed \(seed)")
                    }
                }
                peer.cutUploadAfter = nil
                peer.cutDownloadAfter = nil
            }, settle: { try await Self.settle(servers, peer) })
        }
    }
}
