import Exercises
import Foundation
import Services
import Storage
import Testing

/// Two servers (real database files and media folders), random work on both while cut off, bundles
/// lost, cut short or stopped half-way, then a full exchange: both hold the same state.
@Suite("Sync between servers, property")
struct SyncPropertyTests {
    /// Memory-backed when the machine has it: these runs test the merge, not the disk.
    static let parent: URL? = {
        let shm = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        return FileManager.default.isWritableFile(atPath: shm.path) ? shm : nil
    }()

    /// What the test did, to check the end state against.
    struct Model {
        /// Where each recording was made (0: centre, 1: camp).
        var origin: [String: Int] = [:]
        var sha256: [String: String] = [:]
        /// Recordings some side let leave at some time (consent, or shared with the mentor).
        var everShared: Set<String> = []
        var withdrawn: Set<String> = []
        /// Recordings deleted (not withdrawn) on some side.
        var deleted: Set<String> = []
        var counter = 0
        /// Where each label's take was recorded (0: centre, 1: camp).
        var takeOrigin: [String: Int] = [:]
        /// A centre trainer who is not one of the group's people.
        var outsider = ""
    }

    /// 200 seeded runs on 40 pairs of servers, five in a row on each: every run starts from the state
    /// the last full exchange left (the first from a fresh pair), which also tests exchanges of
    /// servers that already hold much. Setting servers up (migrations) would otherwise cost most.
    @Test("200 seeded runs: after a full exchange both sides hold the same state", arguments: Array(0..<40))
    func convergence(pairIndex: Int) async throws {
        let servers = try await PairedServers(learners: 2, under: Self.parent)
        var model = try await Self.model(for: servers)
        for seed in (pairIndex * 5)..<(pairIndex * 5 + 5) {
            try await run(seed: seed, servers: servers, model: &model)
        }
    }

    /// The same runs between a camp on the embedded stores and a centre on PostgreSQL: 20 seeds of
    /// their own, on four pairs, five in a row on each.
    @Test("20 seeded runs with the centre on PostgreSQL: after a full exchange both sides hold the same state", arguments: Array(0..<4))
    func convergenceWithPostgres(pairIndex: Int) async throws {
        let centre = try await SyncSide.onPostgres("centre", under: Self.parent)
        let servers = try await PairedServers(learners: 2, under: Self.parent, centreSide: centre)
        var model = try await Self.model(for: servers)
        for seed in (10_000 + pairIndex * 5)..<(10_000 + pairIndex * 5 + 5) {
            try await run(seed: seed, servers: servers, model: &model)
        }
    }

    /// A fresh model, and a centre trainer of other groups (their label takes reach the camp, they do not).
    static func model(for servers: PairedServers) async throws -> Model {
        let outsider = try await servers.centre.stores.people.insertPerson(Person(name: "voice", displayName: "Voice", role: .trainer))
        var model = Model()
        model.outsider = outsider.id
        return model
    }

    func run(seed: Int, servers: PairedServers, model: inout Model) async throws {
        let sides = [servers.centre, servers.camp]
        try await run(seed: seed, servers: servers, model: &model, disconnected: { random in
            for _ in 0..<(1 + random.below(2)) {
                let from = random.below(2)
                try await disruptedSend(from: sides[from], to: sides[1 - from], servers: servers, random: &random)
            }
        }, settle: { try await fullExchange(servers) })
    }

    /// One seeded run: twice, random operations on both sides then `disconnected` (exchanges that
    /// may be cut); then `settle` (a full exchange) and the state check. The USB and HTTP forms
    /// share it, so both test the same operations and checks.
    func run(seed: Int, servers: PairedServers, model: inout Model, disconnected: (inout SplitMix64) async throws -> Void,
             settle: () async throws -> Void) async throws {
        // Seeds mixed first: SplitMix64 streams of nearby states are the same stream shifted.
        var mixer = SplitMix64(seed: UInt64(seed))
        var random = SplitMix64(seed: mixer.next())
        let sides = [servers.centre, servers.camp]
        for _ in 0..<2 {
            for index in sides.indices {
                for _ in 0..<(2 + random.below(4)) {
                    try await operate(on: sides[index], index: index, servers: servers, model: &model, random: &random)
                }
            }
            try await disconnected(&random)
        }
        try await settle()
        try await check(servers, model: model, seed: seed)
    }

    func operate(on side: SyncSide, index: Int, servers: PairedServers, model: inout Model, random: inout SplitMix64) async throws {
        if random.below(8) == 0 {
            try await labelOrPhoto(side, index: index, servers: servers, model: &model, random: &random)
            return
        }
        let present = try await side.recordings(group: servers.groupId)
        let choice = random.below(100)
        if (87..<92).contains(choice) {
            try await edit(side, servers: servers, random: &random)
            return
        }
        guard choice >= 25, !present.isEmpty else {
            model.counter += 1
            let owner = servers.learners[random.below(servers.learners.count)]
            let bytes = SyncServiceTests.bytes(Int(random.next() % 1_000_000_000), count: 64 + random.below(200))
            let recording = try await side.record(owner: owner, group: servers.groupId, bytes: bytes)
            model.origin[recording.id] = index
            model.sha256[recording.id] = recording.sha256
            return
        }
        let recording = present[random.below(present.count)]
        let owner = recording.ownerId!
        switch choice {
        case ..<40:
            try await side.consent(recording.id, owner: owner, to: random.below(3) == 0 ? .network : .group)
            model.everShared.insert(recording.id)
        case ..<47:
            try await side.setSharing(recording.id, .private, mentor: true)
            model.everShared.insert(recording.id)
        case ..<55:
            try await side.setSharing(recording.id, .private, mentor: false)
        case ..<69:
            try await side.attempt(servers.learners[random.below(servers.learners.count)], on: recording.id, score: 60 + random.below(41))
        case ..<72:
            _ = try await side.stores.progress.setLevel(ExerciseLevel.allCases[random.below(3)], personId: servers.learners[random.below(2)],
                                                        recordingId: recording.id, step: "", by: servers.trainer)
        case ..<80:
            try await side.editTranscript(recording.id, text: "Phrase \(random.below(1_000)).", author: servers.trainer)
        case ..<87:
            // Made on either side when missing there (two first revisions apart: two heads too).
            let slug = ["conte", "marche"][random.below(2)]
            if try await side.stores.scenarios.scenario(slug: slug) == nil {
                try await side.createScenario(slug, group: servers.groupId, author: servers.trainer)
            } else if random.below(3) == 0 {
                // A learner does a step without an attempt (again: the later answer stays).
                try await side.stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: servers.learners[random.below(2)], slug: slug,
                                                                                     stepId: ["ecouter", "parler"][random.below(2)],
                                                                                     recordingId: nil))
            } else if random.below(4) == 0 {
                try await side.stores.scenarios.updateScenario(slug: slug, groupId: servers.groupId,
                                                               visibility: [.group, .network][random.below(2)])
            } else {
                try await side.editScenario(slug, title: "Titre \(random.below(1_000))", author: servers.trainer)
            }
        case ..<96:
            try await side.withdraw(recording.id, by: owner)
            model.withdrawn.insert(recording.id)
        case ..<98:
            _ = try await side.world.library.delete(id: recording.id)
            model.deleted.insert(recording.id)
        default:
            _ = try await side.stores.transcripts.deleteTranscript(recordingId: recording.id, language: "fr")
        }
    }

    /// A spoken label recorded again or removed here, or a learner's or the group's photo changed.
    func labelOrPhoto(_ side: SyncSide, index: Int, servers: PairedServers, model: inout Model, random: inout SplitMix64) async throws {
        let key = ["record", "keep"][random.below(2)]
        switch random.below(6) {
        case 0, 1:
            model.counter += 1
            let speaker = index == 0 && random.below(2) == 0 ? model.outsider : servers.trainer
            let take = try await side.recordLabel(key, speaker: speaker, bytes: SyncServiceTests.bytes(Int(random.next() % 1_000_000_000), count: 64))
            model.takeOrigin[take] = index
        case 2:
            _ = try await side.removeLabel(key, actor: servers.trainer)
        case 3, 4:
            let photo = random.below(4) == 0 ? nil : SyncSide.photo(random.below(40_000))
            try await side.setPhoto(photo, for: .person(servers.learners[random.below(servers.learners.count)]))
        default:
            try await side.setPhoto(random.below(4) == 0 ? nil : SyncSide.photo(random.below(40_000)), for: .group(servers.groupId))
        }
    }

    /// A learner's name, the group's name or a recording's title changed here.
    func edit(_ side: SyncSide, servers: PairedServers, random: inout SplitMix64) async throws {
        let word = "nom \(random.below(1_000))"
        switch random.below(3) {
        case 0:
            var person = try await side.stores.people.person(id: servers.learners[random.below(servers.learners.count)])!
            person.displayName = word
            try await side.stores.people.save(person)
        case 1:
            var group = try await side.stores.people.group(id: servers.groupId)!
            group.name = word
            try await side.stores.people.save(group)
        default:
            let present = try await side.recordings(group: servers.groupId)
            guard !present.isEmpty else { return }
            _ = try await side.stores.recordings.update(id: present[random.below(present.count)].id, title: word, language: nil, picture: nil)
        }
    }

    /// One bundle, and what happens to it on the way: lost, cut short, stopped half-way, or applied.
    /// Every failed import changes nothing.
    func disruptedSend(from: SyncSide, to: SyncSide, servers: PairedServers, random: inout SplitMix64) async throws {
        let report = try await from.service.export(groupId: servers.groupId, to: servers.exchange)
        defer { try? FileManager.default.removeItem(at: report.file) }
        let before = try await to.snapshot(group: servers.groupId)
        struct Stop: Error {}
        switch random.below(4) {
        case 0:
            return  // the stick was lost
        case 1:
            let bytes = try Data(contentsOf: report.file)
            try bytes.prefix(random.below(bytes.count)).write(to: report.file)
            await #expect(throws: SyncError.self) { try await to.service.importBundle(at: report.file) }
            #expect(try await to.snapshot(group: servers.groupId) == before)
        case 2:
            let stopAt = 1 + random.below(max(1, report.items + 4))
            let count = Counter()
            do {
                _ = try await to.service.importBundle(at: report.file) {
                    count.add()
                    if count.value == stopAt { throw Stop() }
                }
            } catch {
                #expect(try await to.snapshot(group: servers.groupId) == before)
            }
        default:
            _ = try await to.service.importBundle(at: report.file)
        }
    }

    /// Bundles both ways until neither side has anything to send.
    func fullExchange(_ servers: PairedServers) async throws {
        for _ in 0..<8 {
            var moved = 0
            for (from, to) in [(servers.centre, servers.camp), (servers.camp, servers.centre)] {
                let report = try await from.service.export(groupId: servers.groupId, to: servers.exchange)
                defer { try? FileManager.default.removeItem(at: report.file) }
                moved += report.items
                if try await to.service.importBundle(at: report.file).missedEarlier { moved += 1 }
            }
            if moved == 0 { return }
        }
        Issue.record("the exchange did not settle in 8 rounds")
    }

    func check(_ servers: PairedServers, model: Model, seed: Int) async throws {
        let sides = [servers.centre, servers.camp]
        var held: [[String: SyncedRecording]] = []
        for side in sides {
            var rows: [String: SyncedRecording] = [:]
            for recording in try await side.recordings(group: servers.groupId) {
                rows[recording.id] = try await side.stores.sync!.syncedRecording(id: recording.id)
            }
            held.append(rows)
        }
        // Withdrawals won everywhere, bytes included.
        // (Tombstones of the group's recordings: a label's take withdrawn where it was recorded goes
        // elsewhere when no label plays it, checked below.)
        let tombstones = try await sides.asyncMap { try await $0.stores.sync!.tombstones().filter { model.origin[$0.recordingId] != nil } }
        #expect(tombstones[0] == tombstones[1], "seed \(seed): tombstones differ")
        #expect(Set(tombstones[0].map(\.recordingId)) == model.withdrawn, "seed \(seed)")
        for id in model.withdrawn {
            for (index, side) in sides.enumerated() {
                #expect(held[index][id] == nil, "seed \(seed): withdrawn \(id) still on \(side.name)")
                // Unless a recording still there has the very same bytes (content-addressed files).
                guard !held[index].values.contains(where: { $0.recording.sha256 == model.sha256[id] }) else { continue }
                #expect(try !side.holdsAudio(model.sha256[id]!), "seed \(seed): withdrawn bytes on \(side.name)")
            }
        }
        // Deletions too, and no stale copy brought a deleted recording back.
        for id in model.deleted.subtracting(model.withdrawn) {
            for (index, side) in sides.enumerated() {
                #expect(held[index][id] == nil, "seed \(seed): deleted \(id) back on \(side.name)")
                guard !held[index].values.contains(where: { $0.recording.sha256 == model.sha256[id] }) else { continue }
                #expect(try !side.holdsAudio(model.sha256[id]!), "seed \(seed): deleted bytes on \(side.name)")
            }
        }
        // Nothing private on the wrong side: what was never shared is only where it was made.
        for (id, origin) in model.origin where !model.everShared.contains(id) {
            #expect(held[1 - origin][id] == nil, "seed \(seed): private \(id) reached \(sides[1 - origin].name)")
            guard !held[1 - origin].values.contains(where: { $0.recording.sha256 == model.sha256[id] }) else { continue }
            #expect(try !sides[1 - origin].holdsAudio(model.sha256[id]!), "seed \(seed)")
        }
        // What may leave one side is on the other, with the same sharing; what both hold is alike.
        for index in 0..<2 {
            for (id, synced) in held[index] {
                // learners[1] has a mentor (learners[0]) in the group; learners[0] has none.
                let mayLeave = synced.recording.visibility > .private
                    || (synced.recording.sharedWithMentor && synced.recording.ownerId == servers.learners[1])
                if mayLeave { #expect(held[1 - index][id] != nil, "seed \(seed): \(id) missing on \(sides[1 - index].name)") }
            }
        }
        let common = Set(held[0].keys).intersection(held[1].keys)
        for id in common.sorted() {
            #expect(held[0][id]!.sharing == held[1][id]!.sharing, "seed \(seed): sharing of \(id) differs")
            // A title edited while private stays home until the recording may leave again.
            let shared = held[0][id]!.recording.visibility > .private
                || (held[0][id]!.recording.sharedWithMentor && held[0][id]!.recording.ownerId == servers.learners[1])
            if shared { #expect(held[0][id]!.recording.title == held[1][id]!.recording.title, "seed \(seed): title of \(id) differs") }
            #expect(try sides[1].holdsAudio(held[0][id]!.recording.sha256) && sides[0].holdsAudio(held[0][id]!.recording.sha256))
            let attempts = try await sides.asyncMap { try await $0.stores.sync!.attempts(recordingId: id).map(\.id) }
            #expect(Set(attempts[0]) == Set(attempts[1]), "seed \(seed): attempts on \(id) differ")
            let settings = try await sides.asyncMap { try await Set($0.stores.sync!.levelSettings(recordingIds: [id]).map(\.id)) }
            #expect(settings[0] == settings[1], "seed \(seed): levels set by hand on \(id) differ")
            let revisions = try await sides.asyncMap { try await Set($0.stores.sync!.transcriptRevisions(recordingId: id).map(\.syncId)) }
            #expect(revisions[0] == revisions[1], "seed \(seed): revisions of \(id) differ")
            let current = try await sides.asyncMap { try await $0.stores.transcripts.transcript(recordingId: id, language: "fr")?.transcript }
            #expect(current[0] == current[1], "seed \(seed): current transcript of \(id) differs")
        }
        let conflicts = try await sides.asyncMap { try await $0.stores.sync!.transcriptConflicts().filter { common.contains($0.recordingId) } }
        #expect(conflicts[0] == conflicts[1], "seed \(seed): conflicts differ")
        // Edits: the later won on both sides.
        let names = try await sides.asyncMap { side in
            try await side.stores.people.members(of: servers.groupId).map { "\($0.id) \($0.displayName) \($0.avatarPhoto ?? "-")" }.sorted()
                + [side.stores.people.group(id: servers.groupId).map { "\($0.name) \($0.picturePhoto ?? "-")" } ?? ""]
        }
        #expect(names[0] == names[1], "seed \(seed): names or photos differ")
        // Photos: the files of those shown are on both sides, and only those (a replaced one went).
        for side in sides {
            let shown = try await side.stores.photos.referencedPictureHashes()
            #expect(side.photoFiles() == shown, "seed \(seed): photo files on \(side.name) are not those shown")
        }
        // Spoken labels: the same takes on both sides, with their audio; a take no label plays is
        // private, and no copy nobody owns.
        let labels = try await sides.asyncMap { try await $0.labels() }
        #expect(labels[0] == labels[1], "seed \(seed): spoken labels differ")
        for (index, side) in sides.enumerated() {
            let playing = Set(try await side.stores.labels.spokenLabels(language: "fr").map(\.recordingId))
            for id in playing {
                let take = try #require(try await side.stores.recordings.recording(id: id), "seed \(seed): a label's take is missing on \(side.name)")
                let audio = try side.holdsAudio(take.sha256)
                #expect(take.visibility == .public && take.groupId == nil && audio, "seed \(seed): a label's take on \(side.name)")
            }
            let loose = try await side.stores.recordings.recordings(limit: 100_000, before: nil)
                .filter { $0.groupId == nil && !playing.contains($0.id) }
            for take in loose {
                // Where it was recorded, or given back to its speaker here by a trainer who may not withdraw it.
                #expect(take.visibility == .private && (model.takeOrigin[take.id] == index || take.ownerId != nil),
                        "seed \(seed): a copy of a take no label plays stayed on \(side.name)")
            }
        }
        // The same scenarios, revisions and current ones; a conflict where two heads remain, the same.
        var scenarios: [[String: [String]]] = []
        for side in sides {
            var state: [String: [String]] = [:]
            for slug in ["conte", "marche"] where try await side.stores.scenarios.scenario(slug: slug) != nil {
                let revisions = try await side.stores.sync!.scenarioRevisions(slug: slug)
                let parents = Set(revisions.flatMap(\.parents))
                let heads = revisions.filter { !parents.contains($0.syncId) }
                let conflict = try await side.stores.scenarios.scenarioSeedConflicts().first { $0.slug == slug }
                #expect((heads.count > 1) == (conflict?.isFromSync == true), "seed \(seed): \(slug) on \(side.name): heads and conflict disagree")
                let visibility = try await side.stores.scenarios.scenario(slug: slug)?.visibility.rawValue ?? ""
                state[slug] = revisions.map(\.syncId).sorted() + [try await side.scenarioBody(slug) ?? "", conflict?.fileBody ?? "", visibility]
            }
            scenarios.append(state)
        }
        #expect(scenarios[0] == scenarios[1], "seed \(seed): scenarios differ")
        // Steps done without attempts: the same on both sides, each the later answer.
        for slug in scenarios[0].keys.sorted() {
            for learner in servers.learners {
                let done = try await sides.asyncMap { side in
                    try await side.stores.scenarios.scenarioStepsDone(personId: learner, slug: slug).sorted { $0.stepId < $1.stepId }
                }
                #expect(done[0] == done[1], "seed \(seed): steps done in \(slug) differ")
            }
        }
        // Progress is what replaying every attempt through the level rule gives (from the latest
        // level set by hand), on both sides.
        for side in sides {
            for progress in try await side.stores.progress.progress(personIds: servers.learners) {
                let attempts = try await side.stores.sync!.attempts(recordingId: progress.recordingId)
                    .filter { $0.personId == progress.personId && $0.step == progress.step }
                let settings = try await side.stores.sync!.levelSettings(recordingIds: [progress.recordingId])
                    .filter { $0.personId == progress.personId && $0.step == progress.step }
                let replayed = LevelRule.standard.replay(attempts, from: SyncLevelSetting.latest(settings)?.start)
                #expect(replayed?.level == progress.level && replayed?.levelSince == progress.levelSince,
                        "seed \(seed): progress on \(side.name) is not the replay of its attempts")
            }
        }
    }
}

extension Array where Element: Sendable {
    func asyncMap<T: Sendable>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
