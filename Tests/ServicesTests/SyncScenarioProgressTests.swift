import Exercises
import Foundation
import Services
import Storage
import Testing

/// A learner's way through scenarios travels: steps done without attempts, and attempts at audio
/// shipped with Parlons (on every server, under each server's own recording id).
@Suite("Sync of scenario progress")
struct SyncScenarioProgressTests {
    /// What every Parlons holds of a shipped scenario: its row (seeded from the file) and its
    /// audio, imported as a public recording with an id of its own on each server.
    static func ship(on side: SyncSide, bytes: [UInt8] = [5, 4, 3]) async throws -> Recording {
        _ = try await side.stores.scenarios.applyScenarioSeed(file: "medecin.md", slug: "medecin", body: SyncSide.scenarioBody("medecin", "shipped"),
                                                              sha256: "file-v1")
        let incoming = try side.stores.audio.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        let blob = try incoming.finish()
        var recording = Recording(id: ResourceID.generate(), title: "bonjour", language: "fr", durationMs: 900, sampleCount: 43_200,
                                  inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: blob.byteCount, sha256: blob.sha256,
                                  sourceFormat: "test", createdAt: Date(), ownerId: nil, groupId: nil, visibility: .public)
        recording = try await side.world.library.add(recording, blob: blob)
        try await side.stores.scenarios.saveShippedMedia(ShippedMedia(path: "prompts/medecin/bonjour.opus", sha256: blob.sha256, text: "Bonjour",
                                                                      language: "fr", recordingId: recording.id))
        return recording
    }

    static func attempt(_ personId: String, on recordingId: String, step: String, score: Int, at date: Date) -> Attempt {
        Attempt(personId: personId, recordingId: recordingId, step: step, language: "fr", revision: 1, kind: .dictation, segment: 0,
                level: .beginner, answer: AttemptAnswer(text: "bonjour"), score: score, createdAt: date)
    }

    /// The learner did a step without an attempt on `side`, at `date`.
    static func done(on side: SyncSide, _ personId: String, _ slug: String, _ stepId: String, at date: Date) async throws {
        try await side.stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: personId, slug: slug, stepId: stepId, recordingId: nil,
                                                                              doneAt: date))
    }

    @Test("steps done and attempts at shipped audio at the camp reach the centre, under the centre's copy of that audio; progress is replayed there; nothing comes back")
    func campProgressReachesCentre() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let learner = servers.learners[2]
        let atCentre = try await Self.ship(on: centre), atCamp = try await Self.ship(on: camp)
        #expect(atCentre.id != atCamp.id)
        try await centre.createScenario("marche", group: group, author: servers.trainer)
        _ = try await servers.send(from: centre, to: camp)

        let start = Date(millisecondsSince1970: 1_800_000_000_000)
        for (index, score) in [92, 88].enumerated() {
            _ = try await camp.stores.progress.record(Self.attempt(learner, on: atCamp.id, step: "medecin/dictee", score: score,
                                                                   at: start.addingTimeInterval(Double(index))))
        }
        try await Self.done(on: camp, learner, "medecin", "ecouter", at: start)
        try await Self.done(on: camp, learner, "marche", "parler", at: start)
        // At a step of another group's scenario (the learner is in that group too): it stays here.
        let other = try await camp.stores.people.insert(LearningGroup(name: "Autre"), members: [learner])
        _ = try await camp.stores.scenarios.createScenario(ScenarioRecord(slug: "autre", groupId: other.id, visibility: .group, createdBy: nil),
                                                           body: SyncSide.scenarioBody("autre", "autre"), message: "created")
        _ = try await camp.stores.progress.record(Self.attempt(learner, on: atCamp.id, step: "autre/dictee", score: 90, at: start))
        let report = try await centre.service.importBundle(at: try await camp.service.export(groupId: group, to: servers.exchange).file)
        #expect(report.applyReport.attemptsAdded == 2 && report.applyReport.stepsDone == 2 && report.applyReport.skipped == 0)

        let progress = try await centre.stores.progress.progress(personId: learner, recordingId: atCentre.id, step: "medecin/dictee")
        #expect(progress?.level == .intermediate)
        let there = try await camp.stores.progress.progress(personId: learner, recordingId: atCamp.id, step: "medecin/dictee")
        #expect(progress?.level == there?.level && progress?.levelSince == there?.levelSince)
        #expect(try await centre.stores.scenarios.scenarioStepScores(personId: learner, slug: "medecin").first?.attempts == 2)
        #expect(try await centre.stores.scenarios.scenarioStepsDone(personId: learner, slug: "medecin").map(\.stepId) == ["ecouter"])
        #expect(try await centre.stores.scenarios.scenarioStepsDone(personId: learner, slug: "marche").map(\.stepId) == ["parler"])

        // Nothing goes back, and a second exchange with nothing new moves nothing.
        let back = try await servers.send(from: centre, to: camp)
        #expect(back.items == 0)
        #expect(try await servers.send(from: camp, to: centre).items == 0)

        // A later answer at the centre wins at the camp too.
        try await Self.done(on: centre, learner, "medecin", "ecouter", at: start.addingTimeInterval(60))
        _ = try await servers.send(from: centre, to: camp)
        #expect(try await camp.stores.scenarios.scenarioStepsDone(personId: learner, slug: "medecin").first?.doneAt == start.addingTimeInterval(60))
    }

    @Test("a record step done before its answer may leave arrives without it; once the learner shares the answer, it arrives with the step")
    func answerFollowsItsStep() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let learner = servers.learners[2]
        try await centre.createScenario("marche", group: group, author: servers.trainer)
        _ = try await servers.send(from: centre, to: camp)
        let answer = try await camp.record(owner: learner, group: group, bytes: [3, 1, 4, 1, 5])
        let start = Date(millisecondsSince1970: 1_800_000_000_000)
        try await camp.stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner, slug: "marche", stepId: "repondre",
                                                                              recordingId: answer.id, doneAt: start))
        _ = try await servers.send(from: camp, to: centre)
        var there = try await centre.stores.scenarios.scenarioStepsDone(personId: learner, slug: "marche")
        #expect(there.map(\.stepId) == ["repondre"] && there.first?.recordingId == nil)
        #expect(try await centre.stores.recordings.recording(id: answer.id) == nil, "a private answer stays at the camp")
        try await camp.consent(answer.id, owner: learner, to: .group)
        _ = try await servers.send(from: camp, to: centre)
        there = try await centre.stores.scenarios.scenarioStepsDone(personId: learner, slug: "marche")
        #expect(there.first?.recordingId == answer.id && there.first?.doneAt == start)
        #expect(try await centre.stores.recordings.recording(id: answer.id) != nil)
        #expect(try await servers.send(from: centre, to: camp).items == 0, "nothing goes back")
    }

    @Test("an attempt at shipped audio the other side holds in another version, or a step of a scenario it holds as another group's, is left out and counted, the rest goes in")
    func otherVersionsAreLeftOut() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let learner = servers.learners[0]
        _ = try await Self.ship(on: centre, bytes: [5, 4, 3, 2])  // another Parlons version: other bytes
        let atCamp = try await Self.ship(on: camp)
        let elsewhere = try await centre.stores.people.insert(LearningGroup(name: "Autre"), members: [])
        _ = try await centre.stores.scenarios.createScenario(ScenarioRecord(slug: "marche", groupId: elsewhere.id, visibility: .group, createdBy: nil),
                                                             body: SyncSide.scenarioBody("marche", "theirs"), message: "created")
        try await camp.createScenario("marche", group: group, author: servers.trainer)
        let start = Date(millisecondsSince1970: 1_800_000_000_000)
        _ = try await camp.stores.progress.record(Self.attempt(learner, on: atCamp.id, step: "medecin/dictee", score: 90, at: start))
        try await Self.done(on: camp, learner, "marche", "parler", at: start)
        try await Self.done(on: camp, learner, "medecin", "ecouter", at: start)
        let report = try await centre.service.importBundle(at: try await camp.service.export(groupId: group, to: servers.exchange).file)
        // Skipped: the attempt, the step, and the scenario with its one revision.
        #expect(report.applyReport.attemptsAdded == 0 && report.applyReport.stepsDone == 1 && report.applyReport.skipped == 4)
        #expect(report.applyReport.scenariosNotTaken == ["marche"])
        #expect(try await centre.stores.scenarios.scenarioStepsDone(personId: learner, slug: "marche").isEmpty)
        #expect(try await centre.stores.scenarios.scenarioStepsDone(personId: learner, slug: "medecin").map(\.stepId) == ["ecouter"])
    }
}
