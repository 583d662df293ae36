import Exercises
import Foundation
import Services
import Storage
import Testing

/// Sync between two embedded servers through bundles: pairing, what travels, the merge rules,
/// and every refusal changing nothing.
@Suite("Sync between servers")
struct SyncServiceTests {
    static func bytes(_ seed: Int, count: Int = 600) -> [UInt8] {
        var generator = SplitMix64(seed: UInt64(seed))
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    @Test("a pairing code reads back however it is typed; a wrong one is refused; nothing syncs unpaired")
    func pairing() async throws {
        let code = SyncPairingCode.generate()
        #expect(code.text.count == 39)
        #expect(try SyncPairingCode(typed: code.text.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        #expect(throws: SyncError.self) { try SyncPairingCode(typed: "ABCD-EFGH") }
        #expect(code.key(groupId: "g1") != code.key(groupId: "g2"))
        let side = try SyncSide("alone")
        let folder = side.world.root.appendingPathComponent("usb")
        await #expect(throws: SyncError.notPaired(groupId: "nogroup")) { try await side.service.export(groupId: "nogroup", to: folder) }
        await #expect(throws: SyncError.noSuchGroup("nogroup")) { try await side.service.startPairing(groupId: "nogroup") }
    }

    @Test("stores without a change log refuse to pair, saying why, instead of syncing half")
    func noChangeLog() async throws {
        let side = try SyncSide("nolog")
        let s = side.stores
        let stores = Stores(recordings: s.recordings, people: s.people, credentials: s.credentials, sessions: s.sessions,
                            transcripts: s.transcripts, progress: s.progress, scenarios: s.scenarios, labels: s.labels,
                            photos: s.photos, audio: s.audio, peaks: s.peaks, pictures: s.pictures)
        #expect(stores.sync == nil)
        let group = ResourceID.generate()
        await #expect(throws: SyncError.unavailable) { try await SyncService(stores: stores).joinPairing(groupId: group, code: SyncPairingCode.generate().text) }
        #expect(SyncError.unavailable.description.contains("change log"))
    }

    @Test("the first bundle brings the group and its people without their secrets; consented recordings move with their bytes, private ones stay; a second export with nothing new is tiny")
    func firstExchange() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        #expect(try await camp.stores.people.group(id: group)?.name == "Aire des Saules")
        #expect(try await camp.stores.people.members(of: group).count == 4)
        #expect(try await camp.stores.people.isActiveMentor(servers.learners[0], of: servers.learners[1]))
        #expect(try await camp.stores.people.person(id: servers.trainer)?.passwordHash == nil)
        let shared = try await centre.record(owner: servers.learners[0], group: group, bytes: Self.bytes(1))
        try await centre.consent(shared.id, owner: servers.learners[0], to: .group)
        let hidden = try await centre.record(owner: servers.learners[1], group: group, bytes: Self.bytes(2))
        // Private but shared with the mentor: it goes where the mentor may be; without a mentor it stays.
        let mentored = try await centre.record(owner: servers.learners[1], group: group, bytes: Self.bytes(3))
        try await centre.setSharing(mentored.id, .private, mentor: true)
        let unmentored = try await centre.record(owner: servers.learners[2], group: group, bytes: Self.bytes(4))
        try await centre.setSharing(unmentored.id, .private, mentor: true)
        let waiting = try await centre.service.status(groupId: group)
        // Two recordings, one consent, and the sharing of the one that stays (a copy could be there).
        #expect(waiting.waiting == 4 && waiting.lastExchangeAt != nil, "\(waiting)")
        let report = try await servers.send(from: centre, to: camp)
        #expect(try await centre.service.status(groupId: group).waiting == 0)
        #expect(report.recordings == 2 && report.audioBytes == shared.byteSize + mentored.byteSize)
        #expect(try await camp.stores.recordings.recording(id: mentored.id)?.sharedWithMentor == true)
        #expect(try await camp.stores.recordings.recording(id: unmentored.id) == nil)
        #expect(try await camp.stores.people.isActiveMentor(servers.learners[0], of: servers.learners[1]))
        #expect(try await camp.stores.recordings.recording(id: shared.id)?.visibility == .group)
        #expect(try camp.holdsAudio(shared.sha256))
        #expect(try await camp.stores.recordings.recording(id: hidden.id) == nil)
        #expect(try !camp.holdsAudio(hidden.sha256))
        // The camp's bundle back carries nothing of the centre's (no echo), and then nothing at all.
        #expect(try await centre.service.status(groupId: group).unconfirmed)
        let back = try await servers.send(from: camp, to: centre)
        #expect(try await centre.service.status(groupId: group).unconfirmed == false)
        #expect(back.items == 0 && back.bytes < 2_000)
        let again = try await servers.send(from: centre, to: camp)
        #expect(again.items == 0 && again.bytes < 2_000, "\(again.bytes) bytes")
    }

    @Test("tampered bytes, a wrong key, another group or a cut bundle are refused with a clear error and change nothing")
    func refusals() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let recording = try await centre.record(owner: servers.learners[0], group: group, bytes: Self.bytes(3, count: 4_000))
        try await centre.consent(recording.id, owner: servers.learners[0], to: .group)
        let report = try await centre.service.export(groupId: group, to: servers.exchange)
        let original = try Data(contentsOf: report.file)
        let before = try await camp.snapshot(group: group)
        func refused(_ bytes: Data, _ check: (SyncError) -> Bool) async throws {
            try bytes.write(to: report.file)
            let error = await #expect(throws: SyncError.self) { try await camp.service.importBundles(from: servers.exchange) }
            if let error { #expect(check(error), "\(error)") }
            #expect(try await camp.snapshot(group: group) == before)
        }
        var flipped = original
        flipped[flipped.count - 10] ^= 0x01  // in the audio
        try await refused(flipped) { if case .tampered = $0 { true } else { false } }
        let manifestAt = original.firstRange(of: Data("\"groupId\"".utf8))!.lowerBound
        var edited = original
        edited[manifestAt + 2] = UInt8(ascii: "G")  // the manifest: the signature no longer matches
        try await refused(edited) { if case .wrongSignature = $0 { true } else { $0 == .unreadable(file: report.file.lastPathComponent, reason: "its manifest is not one Parlons writes") } }
        try await refused(original.prefix(original.count - 1_000)) { if case .tampered = $0 { true } else { false } }
        try await refused(original.prefix(30)) { if case .unreadable = $0 { true } else { false } }
        #expect(SyncError.tampered(file: "b", reason: "x").description.contains("nothing was imported"))

        // A server paired with another key (another code) for the same group.
        let stranger = try SyncSide("stranger")
        try await stranger.service.joinPairing(groupId: group, code: SyncPairingCode.generate().text)
        try original.write(to: report.file)
        let strangerBefore = try await stranger.snapshot(group: group)
        await #expect(throws: SyncError.wrongSignature(file: report.file.lastPathComponent)) {
            try await stranger.service.importBundles(from: servers.exchange)
        }
        #expect(try await stranger.snapshot(group: group) == strangerBefore)
        // A server where that group is not paired at all.
        let other = try await PairedServers()
        let otherBefore = try await other.camp.snapshot(group: other.groupId)
        await #expect(throws: SyncError.otherGroup(file: report.file.lastPathComponent, groupId: group)) {
            try await other.camp.service.importBundles(from: servers.exchange)
        }
        #expect(try await other.camp.snapshot(group: other.groupId) == otherBefore)
        // The untouched bundle still goes in.
        let applied = try await camp.service.importBundles(from: servers.exchange)
        #expect(applied.first?.applyReport.recordingsAdded == 1)
    }

    @Test("a bundle of another format (an older or newer server's) is refused saying which, and changes nothing")
    func otherFormat() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        _ = try await centre.record(owner: servers.learners[0], group: group, bytes: Self.bytes(21))
        let report = try await centre.service.export(groupId: group, to: servers.exchange)
        let key = try await camp.service.pair(groupId: group).key
        let before = try await camp.snapshot(group: group)
        try SignedBundleEditor.rewriteManifest(of: report.file, key: key) { $0["format"] = 1 }
        let error = await #expect(throws: SyncError.self) { try await camp.service.importBundle(at: report.file) }
        #expect(error?.description.contains("it is format 1, this server reads format 2") == true, "\(String(describing: error))")
        #expect(try await camp.snapshot(group: group) == before)
    }

    @Test("the status a kiosk asks every minute is kept, and counted again as soon as anything that travels or the pair changes")
    func statusFollowsChanges() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let service = centre.service  // one value, as the kiosk's controller keeps for the server's life
        let first = try await service.status(groupId: group)
        #expect(try await service.status(groupId: group) == first)
        let recording = try await centre.record(owner: servers.learners[0], group: group, bytes: Self.bytes(11))
        let kept = try await service.status(groupId: group)
        #expect(kept.waiting == first.waiting, "a private recording stays home: \(kept)")
        try await centre.consent(recording.id, owner: servers.learners[0], to: .group)
        let consented = try await service.status(groupId: group)
        #expect(consented.waiting > kept.waiting, "the consent lets it go: \(consented)")
        _ = try await servers.send(from: centre, to: camp)
        let sent = try await service.status(groupId: group)
        #expect(sent.waiting == 0 && sent.unconfirmed, "\(sent)")
        _ = try await servers.send(from: camp, to: centre)
        #expect(try await service.status(groupId: group).unconfirmed == false)
    }

    @Test("a bundle naming a person of this server outside the paired group does not edit them (a pair reaches only its group)")
    func peopleOutsideTheGroup() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let admin = try await camp.stores.people.insertPerson(Person(name: "camp-admin", displayName: "Admin", role: .admin), conflictMessage: nil)
        var learner = try #require(try await centre.stores.people.person(id: servers.learners[0]))
        learner.displayName = "Mina B."
        try await centre.stores.people.save(learner)
        let report = try await centre.service.export(groupId: group, to: servers.exchange)
        let key = try await camp.service.pair(groupId: group).key
        try SignedBundleEditor.rewriteItems(of: report.file, key: key) { items in
            var people = items["people"] as! [[String: Any]]
            var forged = try! #require(people.first { $0["id"] as? String == learner.id })
            forged["id"] = admin.id
            forged["name"] = "pirate"
            forged["displayName"] = "Pirate"
            people.append(forged)
            items["people"] = people
            var clocks = items["editClocks"] as! [[String: Any]]
            var clock = try! #require(clocks.first { $0["itemId"] as? String == learner.id })
            clock["itemId"] = admin.id
            clocks.append(clock)
            items["editClocks"] = clocks
        }
        _ = try await camp.service.importBundle(at: report.file)
        #expect(try await camp.stores.people.person(id: learner.id)?.displayName == "Mina B.", "the member's edit arrives")
        let held = try #require(try await camp.stores.people.person(id: admin.id))
        #expect(held.name == "camp-admin" && held.displayName == "Admin", "\(held)")
    }

    @Test("an import stopped at any item is rolled back, its audio removed; the same bundle then goes in whole")
    func interruptedImport() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        for index in 0..<3 {
            let recording = try await centre.record(owner: servers.learners[index], group: group, bytes: Self.bytes(10 + index))
            try await centre.consent(recording.id, owner: servers.learners[index], to: .group)
            try await centre.editTranscript(recording.id, text: "Bonjour \(index).", author: servers.trainer)
            try await centre.attempt(servers.learners[0], on: recording.id, score: 90)
        }
        let report = try await centre.service.export(groupId: group, to: servers.exchange)
        let before = try await camp.snapshot(group: group)
        struct Stop: Error {}
        for stopAt in [1, 5, 9, 12] {
            let count = Counter()
            await #expect(throws: Stop.self) {
                try await camp.service.importBundle(at: report.file) {
                    count.add()
                    if count.value == stopAt { throw Stop() }
                }
            }
            #expect(try await camp.snapshot(group: group) == before)
        }
        let applied = try await camp.service.importBundle(at: report.file)
        #expect(applied.applyReport.recordingsAdded == 3 && applied.applyReport.attemptsAdded == 3 && applied.applyReport.revisionsAdded == 3)
        #expect(try await camp.service.importBundle(at: report.file).applied == false)
    }

    @Test("a withdrawal wins on both sides, deletes the bytes there, and a stale copy never brings the recording back")
    func withdrawalWins() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let owner = servers.learners[0]
        let recording = try await centre.record(owner: owner, group: group, bytes: Self.bytes(20))
        try await centre.consent(recording.id, owner: owner, to: .group)
        _ = try await servers.send(from: centre, to: camp)
        // Offline: the camp practises it and the owner widens it there (its whole row travels again:
        // a stale copy), while the owner withdraws it at the centre.
        try await camp.attempt(servers.learners[1], on: recording.id, score: 95)
        try await camp.editTranscript(recording.id, text: "Une histoire.", author: servers.trainer)
        try await camp.consent(recording.id, owner: owner, to: .network)
        try await centre.withdraw(recording.id, by: owner)
        let stale = try await servers.send(from: camp, to: centre)
        #expect(stale.recordings == 1)
        #expect(try await centre.stores.recordings.recording(id: recording.id) == nil)
        _ = try await servers.send(from: centre, to: camp)
        for side in [centre, camp] {
            #expect(try await side.stores.recordings.recording(id: recording.id) == nil)
            #expect(try !side.holdsAudio(recording.sha256))
            #expect(try await side.stores.recordings.tombstone(recordingId: recording.id) != nil)
            #expect(try await side.stores.progress.attempts(personIds: servers.learners, limit: 10).isEmpty)
        }
        // Withdrawn at the camp while the centre widens it: still withdrawn everywhere.
        let second = try await centre.record(owner: owner, group: group, bytes: Self.bytes(21))
        try await centre.consent(second.id, owner: owner, to: .group)
        _ = try await servers.send(from: centre, to: camp)
        try await camp.withdraw(second.id, by: owner)
        try await centre.consent(second.id, owner: owner, to: .network)
        _ = try await servers.send(from: centre, to: camp)
        #expect(try await camp.stores.recordings.recording(id: second.id) == nil)
        _ = try await servers.send(from: camp, to: centre)
        #expect(try await centre.stores.recordings.recording(id: second.id) == nil)
        #expect(try !centre.holdsAudio(second.sha256) && !camp.holdsAudio(second.sha256))
    }

    @Test("two offline edits of one transcript merge by id: both sides choose the same current one and show the conflict until an edit settles it")
    func transcriptConflict() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let recording = try await centre.record(owner: servers.learners[0], group: group, bytes: Self.bytes(30))
        try await centre.consent(recording.id, owner: servers.learners[0], to: .group)
        try await centre.editTranscript(recording.id, text: "Le marché.", author: servers.trainer)
        _ = try await servers.send(from: centre, to: camp)
        let start = Date()
        try await centre.editTranscript(recording.id, text: "Le marché du lundi.", author: servers.trainer, at: start)
        try await camp.editTranscript(recording.id, text: "Au marché.", author: servers.trainer, at: start.addingTimeInterval(1))
        _ = try await servers.send(from: centre, to: camp)
        _ = try await servers.send(from: camp, to: centre)
        for side in [centre, camp] {
            #expect(try await side.stores.transcripts.transcript(recordingId: recording.id, language: "fr")?.transcript.text == "Au marché.")
            #expect(try await side.stores.sync!.transcriptConflicts().map(\.recordingId) == [recording.id])
            #expect(try await side.stores.sync!.transcriptRevisions(recordingId: recording.id).count == 3)
        }
        try await centre.editTranscript(recording.id, text: "Au marché du lundi.", author: servers.trainer)
        _ = try await servers.send(from: centre, to: camp)
        for side in [centre, camp] {
            #expect(try await side.stores.transcripts.transcript(recordingId: recording.id, language: "fr")?.transcript.text == "Au marché du lundi.")
            #expect(try await side.stores.sync!.transcriptConflicts().isEmpty)
        }
    }

    @Test("replaying attempts gives the level recording them one by one gives")
    func replayMatchesRecording() async throws {
        for seed in 0..<20 {
            var generator = SplitMix64(seed: UInt64(seed))
            let side = try SyncSide("replay")
            let person = try await side.stores.people.insertPerson(Person(name: "l\(seed)", displayName: "L", role: .learner))
            let group = try await side.stores.people.insert(LearningGroup(name: "g"), members: [person.id])
            let recording = try await side.record(owner: person.id, group: group.id, bytes: Self.bytes(seed))
            let start = Date(millisecondsSince1970: 1_800_000_000_000)
            for index in 0..<Int.random(in: 3...14, using: &generator) {
                let at = start.addingTimeInterval(Double(index / 2))  // some on the same millisecond
                try await side.attempt(person.id, on: recording.id, score: Int.random(in: 50...100, using: &generator), at: at)
            }
            let recorded = try await side.stores.progress.progress(personId: person.id, recordingId: recording.id)
            let attempts = try await side.stores.sync!.attempts(recordingId: recording.id)
            let replayed = LevelRule.standard.replay(attempts.shuffled(using: &generator), from: nil)
            #expect(replayed?.level == recorded?.level && replayed?.levelSince == recorded?.levelSince, "seed \(seed)")
        }
    }
}
