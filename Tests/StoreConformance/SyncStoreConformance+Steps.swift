import Exercises
import Foundation
import Storage
import Testing

extension SyncStoreConformance {
    /// Scenario progress that is not an attempt at the group's recordings: steps done without
    /// attempts (logged, the later answer wins) and attempts at audio shipped with the scenarios.
    public static func scenarioProgress(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let sync = try #require(stores.sync)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await stores.scenarios.applyScenarioSeed(file: "medecin.md", slug: "medecin", body: "v1", sha256: "h1", now: start) == .created)
        let shipped = try await Seed.recording(stores, bytes: [7, 1], visibility: .public)
        try await stores.scenarios.saveShippedMedia(ShippedMedia(path: "prompts/medecin/bonjour.opus", sha256: shipped.sha256, text: "Bonjour",
                                                                 language: "fr", recordingId: shipped.id))
        let answer = try await Seed.recording(stores, bytes: [7, 2], owner: learner)

        // Done here: logged as `personId slug stepId`, once when done and again for a later answer.
        let before = try await sync.changes(after: 0, excludingOrigin: nil).lastSeq
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "ecouter",
                                                                         recordingId: nil, doneAt: start))
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "repondre",
                                                                         recordingId: answer.id, doneAt: start))
        let item = "\(learner.id) medecin ecouter"
        var logged = try await sync.changes(after: before, excludingOrigin: nil).changes
        #expect(logged.map(\.kind) == [.stepDone, .stepDone])
        #expect(logged.map(\.itemId) == [item, "\(learner.id) medecin repondre"])
        let read = try await sync.stepsDone(itemIds: [item, "not an item", "\(learner.id) medecin nowhere"])
        #expect(read == [ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "ecouter", recordingId: nil, doneAt: start)])
        #expect(try await sync.shippedMedia(recordingIds: [shipped.id, answer.id]).map(\.path) == ["prompts/medecin/bonjour.opus"])
        #expect(try await sync.stepsDone(answering: [answer.id, shipped.id]).map(\.stepId) == ["repondre"])

        // From a batch: an older answer changes nothing; a later one wins, its answer dropped when
        // not held here; a new step arrives; one of a scenario or a person not here is skipped.
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1], peerServerId: "peer"))
        batch.stepsDone = [
            ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "repondre", recordingId: "zzzz", doneAt: start.addingTimeInterval(-5)),
            ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "ecouter", recordingId: "notheld", doneAt: start.addingTimeInterval(5)),
            ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "parler", recordingId: nil, doneAt: start.addingTimeInterval(6)),
            ScenarioStepDone(personId: learner.id, slug: "ailleurs", stepId: "ecouter", recordingId: nil, doneAt: start),
            ScenarioStepDone(personId: "nobodyhere", slug: "medecin", stepId: "ecouter", recordingId: nil, doneAt: start),
        ]
        // Attempts at the shipped audio arrive (it is on every server); one at a public recording
        // of no group that is not shipped does not.
        let stray = try await Seed.recording(stores, bytes: [7, 3], visibility: .public)
        func attempt(_ recordingId: String, at seconds: Double) -> Attempt {
            Attempt(personId: learner.id, recordingId: recordingId, step: "medecin/repeter", language: "fr", revision: 1, kind: .dictation,
                    segment: 0, level: .beginner, answer: AttemptAnswer(text: "bonjour"), score: 95, createdAt: start.addingTimeInterval(seconds))
        }
        batch.attempts = [attempt(shipped.id, at: 1), attempt(shipped.id, at: 2), attempt(stray.id, at: 3)]
        let mark = try await sync.changes(after: 0, excludingOrigin: nil).lastSeq
        let report = try await sync.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.stepsDone == 2 && report.attemptsAdded == 2 && report.skipped == 3)
        let done = try await stores.scenarios.scenarioStepsDone(personId: learner.id, slug: "medecin").sorted { $0.stepId < $1.stepId }
        #expect(done.map(\.stepId) == ["ecouter", "parler", "repondre"])
        #expect(done[0].doneAt == start.addingTimeInterval(5) && done[0].recordingId == nil)
        #expect(done[2].doneAt == start && done[2].recordingId == answer.id)
        let progress = try await stores.progress.progress(personId: learner.id, recordingId: shipped.id, step: "medecin/repeter")
        #expect(progress?.level == .intermediate)
        #expect(try await stores.progress.progress(personId: learner.id, recordingId: stray.id, step: "medecin/repeter") == nil)
        // What the batch changed is logged as the peer's: it does not go back there.
        logged = try await sync.changes(after: mark, excludingOrigin: nil).changes
        #expect(logged.contains { $0.kind == .stepDone && $0.itemId == item && $0.origin == "peer" })
        #expect(try await sync.changes(after: mark, excludingOrigin: "peer").changes.filter { $0.kind == .stepDone }.isEmpty)

        // Applying the same batch again changes nothing.
        let again = try await sync.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(again.stepsDone == 0 && again.attemptsAdded == 0)
        // Done again here by a clock behind the other side's: still later than the answer it
        // replaces, so the other side takes it.
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: "medecin", stepId: "ecouter",
                                                                         recordingId: nil, doneAt: start))
        let redone = try await sync.stepsDone(itemIds: [item]).first
        #expect(redone?.doneAt == Date(millisecondsSince1970: start.addingTimeInterval(5).millisecondsSince1970 + 1))
    }
}
