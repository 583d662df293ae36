import Exercises
import Foundation
import Storage
import Testing

/// Shipped scenario files taken in at start-up, steps done, and shipped media.
extension ScenarioStoreConformance {
    public static func seeds(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let file = "Scenarios/medecin.md"
        #expect(try await stores.scenarios.applyScenarioSeed(file: file, slug: "medecin", body: "v1", sha256: "h1", now: t0) == .created)
        let created = try #require(try await stores.scenarios.scenario(slug: "medecin"))
        #expect(created == ScenarioRecord(slug: "medecin", groupId: nil, visibility: .public, currentRevision: 1, createdBy: nil, createdAt: t0,
                                          seedFile: file, seedHash: "h1", seedRevision: 1))
        #expect(try await stores.scenarios.scenarioRevision(slug: "medecin", number: 1)?.authorId == nil)
        #expect(try await stores.scenarios.applyScenarioSeed(file: file, slug: "medecin", body: "v1", sha256: "h1", now: t0) == .unchanged)
        // Nobody edited it: the file's new content is the next revision.
        #expect(try await stores.scenarios.applyScenarioSeed(file: file, slug: "medecin", body: "v2", sha256: "h2", now: t0) == .updated(revision: 2))
        #expect(try await stores.scenarios.scenarioRevision(slug: "medecin", number: 2)?.body == "v2")
        #expect(try await stores.scenarios.scenarioSeedConflicts().isEmpty)
        // A trainer edited it: their version stays, the file is kept whole beside it.
        _ = try await stores.scenarios.saveScenarioRevision(slug: "medecin", body: "trainer's", authorId: trainer.id, message: "edit")
        let detected = t0.addingTimeInterval(60)
        #expect(try await stores.scenarios.applyScenarioSeed(file: file, slug: "medecin", body: "v3", sha256: "h3", now: detected)
            == .conflict(currentRevision: 3))
        #expect(try await stores.scenarios.scenario(slug: "medecin")?.currentRevision == 3)
        #expect(try await stores.scenarios.scenarioSeedConflicts() == [ScenarioSeedConflict(slug: "medecin", seedFile: file, fileBody: "v3",
                                                                                             fileHash: "h3", currentRevision: 3,
                                                                                             detectedAt: detected)])
        // Read again unchanged: still the conflict, nothing new.
        #expect(try await stores.scenarios.applyScenarioSeed(file: file, slug: "medecin", body: "v3", sha256: "h3", now: detected) == .unchanged)
        #expect(try await stores.scenarios.scenarioSeedConflicts().count == 1)
        #expect(try await stores.scenarios.scenarioRevisions(slug: "medecin").count == 3)
        // A scenario trainers made under the name of a new shipped file is theirs.
        _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: "marche", groupId: nil, visibility: .public, createdBy: trainer.id),
                                                      body: "ours", message: "ours")
        #expect(try await stores.scenarios.applyScenarioSeed(file: "Scenarios/marche.md", slug: "marche", body: "shipped", sha256: "m1", now: t0)
            == .conflict(currentRevision: 1))
        #expect(try await stores.scenarios.scenarioSeedConflicts().map(\.slug) == ["marche", "medecin"])
    }

    public static func seedConflictEnds(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for slug in ["a", "b"] {
            _ = try await stores.scenarios.applyScenarioSeed(file: "\(slug).md", slug: slug, body: "v1", sha256: "\(slug)1", now: t0)
            _ = try await stores.scenarios.saveScenarioRevision(slug: slug, body: "edited", authorId: nil, message: "edit")
            _ = try await stores.scenarios.applyScenarioSeed(file: "\(slug).md", slug: slug, body: "v2", sha256: "\(slug)2", now: t0)
        }
        #expect(try await stores.scenarios.scenarioSeedConflicts().map(\.slug) == ["a", "b"])
        // A trainer saves: they have seen it.
        _ = try await stores.scenarios.saveScenarioRevision(slug: "a", body: "merged", authorId: nil, message: "merge")
        #expect(try await stores.scenarios.scenarioSeedConflicts().map(\.slug) == ["b"])
        // The file comes to say what the scenario says: no conflict, and it counts as untouched again.
        #expect(try await stores.scenarios.applyScenarioSeed(file: "b.md", slug: "b", body: "edited", sha256: "b3", now: t0) == .unchanged)
        #expect(try await stores.scenarios.scenarioSeedConflicts().isEmpty)
        #expect(try await stores.scenarios.applyScenarioSeed(file: "b.md", slug: "b", body: "v4", sha256: "b4", now: t0) == .updated(revision: 3))
    }

    public static func steps(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let learner = try await Seed.person(stores, "amina")
        let other = try await Seed.person(stores, "yusuf")
        let recording = try await Seed.recording(stores, bytes: [1, 2, 3])
        let answer = try await Seed.recording(stores, bytes: [4, 5, 6], owner: learner)
        for slug in ["s", "s2"] {
            _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: slug, groupId: nil, visibility: .public, createdBy: nil),
                                                          body: "# \(slug)", message: "created")
        }
        let listen = ScenarioStepDone(personId: learner.id, slug: "s", stepId: "1", recordingId: nil, doneAt: t0)
        try await stores.scenarios.markScenarioStepDone(listen)
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: "s", stepId: "2", recordingId: nil, doneAt: t0))
        // Done again: the latest answer stays.
        let recorded = ScenarioStepDone(personId: learner.id, slug: "s", stepId: "2", recordingId: answer.id, doneAt: t0.addingTimeInterval(5))
        try await stores.scenarios.markScenarioStepDone(recorded)
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: other.id, slug: "s", stepId: "1", recordingId: nil))
        try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: "s2", stepId: "1", recordingId: nil))
        let done = try await stores.scenarios.scenarioStepsDone(personId: learner.id, slug: "s").sorted { $0.stepId < $1.stepId }
        #expect(done == [listen, recorded])
        #expect(try await stores.scenarios.scenarioStepsDone(personId: learner.id, slug: "nope").isEmpty)
        // For a scenario that does not exist: refused.
        await #expect(throws: StorageError.self) {
            try await stores.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learner.id, slug: "nope", stepId: "1", recordingId: nil))
        }
        // Exercise steps count through their attempts (`step` = slug/step).
        for (step, score) in [("s/3", 40), ("s/3", 90), ("s/4", nil), ("s2/3", 100), ("", 100)] as [(String, Int?)] {
            _ = try await stores.progress.record(Attempt(personId: learner.id, recordingId: recording.id, step: step, language: "fr", revision: 1,
                                                         kind: score == nil ? .listen : .dictation, segment: 0, level: .beginner,
                                                         answer: AttemptAnswer(text: "x"), score: score))
        }
        let scores = try await stores.scenarios.scenarioStepScores(personId: learner.id, slug: "s").sorted { $0.stepId < $1.stepId }
        #expect(scores == [ScenarioStepScore(stepId: "3", attempts: 2, bestScore: 90), ScenarioStepScore(stepId: "4", attempts: 1, bestScore: nil)])
        #expect(try await stores.scenarios.scenarioStepScores(personId: other.id, slug: "s").isEmpty)
        // A withdrawn answer leaves the step done, without it.
        _ = try await RecordingLibrary(stores: stores).withdraw(id: answer.id, by: learner.id)
        #expect(try await stores.scenarios.scenarioStepsDone(personId: learner.id, slug: "s").first { $0.stepId == "2" }?.recordingId == nil)
    }

    public static func shippedMedia(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let first = try await Seed.insert(stores, Seed.row(visibility: .public))
        let second = try await Seed.insert(stores, Seed.row(visibility: .public))
        let media = ShippedMedia(path: "prompts/se-presenter/bonjour.opus", sha256: first.sha256, text: "Bonjour", language: "fr",
                                 recordingId: first.id, importedAt: t0)
        try await stores.scenarios.saveShippedMedia(media)
        #expect(try await stores.scenarios.shippedMedia(path: media.path) == media)
        #expect(try await stores.scenarios.shippedMedia(path: "prompts/other.opus") == nil)
        let replaced = ShippedMedia(path: media.path, sha256: second.sha256, text: nil, language: nil, recordingId: second.id,
                                    importedAt: t0.addingTimeInterval(1))
        try await stores.scenarios.saveShippedMedia(replaced)
        #expect(try await stores.scenarios.shippedMedia(path: media.path) == replaced)
        // Media for a recording that does not exist is refused; a deleted recording takes its media.
        await #expect(throws: StorageError.self) {
            try await stores.scenarios.saveShippedMedia(ShippedMedia(path: "x.opus", sha256: Seed.fakeHash(), text: nil, language: nil,
                                                                     recordingId: ResourceID.generate()))
        }
        _ = try await stores.recordings.delete(id: second.id, unreferenced: { _ in })
        #expect(try await stores.scenarios.shippedMedia(path: media.path) == nil)
    }
}
