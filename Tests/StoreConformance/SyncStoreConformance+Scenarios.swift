import Foundation
import Storage
import Testing

extension SyncStoreConformance {
    /// A scenario file the parser takes, its title `title`.
    static func scenarioBody(_ slug: String, _ title: String) -> String {
        "---\nslug: \(slug)\ntitle: \(title)\nlanguages: fr\nsteps:\n  - kind: talk\n    text: Bonjour.\n---\n"
    }

    public static func scenarios(_ factory: StoreFactory) async throws {
        let (stores, learner, group) = try await setUp(factory)
        let trainer = try await Seed.person(stores, "trainer", .trainer)
        let elsewhere = try await Seed.group(stores, "centre", members: [learner])
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let before = try await stores.sync!.changes(after: 0, excludingOrigin: nil).lastSeq
        _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: "marche", groupId: group.id, visibility: .group, createdBy: trainer.id,
                                                                     createdAt: start), body: scenarioBody("marche", "1"), message: "created")
        _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: "ailleurs", groupId: elsewhere.id, visibility: .group, createdBy: nil),
                                                      body: scenarioBody("ailleurs", "1"), message: "created")
        _ = try await stores.scenarios.applyScenarioSeed(file: "livre.md", slug: "livre", body: scenarioBody("livre", "1"), sha256: "a")
        let first = try #require(try await stores.sync!.scenarioRevisions(slug: "marche").first)
        #expect(first.parents == [] && first.body == scenarioBody("marche", "1"))
        let logged = try await stores.sync!.changes(after: before, excludingOrigin: nil).changes
        #expect(logged.prefix(2).map(\.kind) == [.scenario, .scenarioRevision])
        #expect(logged[0].itemId == "marche" && logged[1].itemId == first.syncId)
        let mine = try await stores.scenarios.saveScenarioRevision(slug: "marche", body: scenarioBody("marche", "here"), authorId: trainer.id,
                                                                   message: "here", expectedRevision: 1, now: start.addingTimeInterval(20))
        let second = try await stores.sync!.scenarioRevisions(slug: "marche")[1]
        #expect(second.parents == [first.syncId])

        // An edit made apart on the paired server, saved earlier: two heads, ours stays current, theirs is kept.
        func revision(_ id: String, _ slug: String, parents: [String], title: String, at seconds: Double) -> SyncScenarioRevision {
            SyncScenarioRevision(syncId: id, parents: parents, slug: slug, body: scenarioBody(slug, title), authorId: "nobody-here",
                                 message: title, createdAt: start.addingTimeInterval(seconds))
        }
        var batch = SyncBatch(pair: SyncPair(groupId: group.id, key: [1]))
        batch.scenarioRevisions = [revision("aaaa", "marche", parents: [first.syncId], title: "there", at: 10),
                                   revision("bbbb", "ailleurs", parents: [], title: "x", at: 10),
                                   revision("cccc", "livre", parents: [], title: "x", at: 10)]
        // Scenarios named as another group's and a shipped file here are not taken, and the report says so.
        batch.scenarios = [ScenarioRecord(slug: "arrive", groupId: group.id, visibility: .group, createdBy: "nobody-here", createdAt: start),
                           ScenarioRecord(slug: "ailleurs", groupId: group.id, visibility: .group, createdBy: nil, createdAt: start),
                           ScenarioRecord(slug: "livre", groupId: group.id, visibility: .group, createdBy: nil, createdAt: start)]
        batch.scenarioRevisions.append(revision("dddd", "arrive", parents: [], title: "new", at: 5))
        var report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.scenarioRevisionsAdded == 2 && report.skipped == 4 && report.scenarioConflicts == ["marche"])
        #expect(report.scenariosNotTaken == ["ailleurs", "livre"])
        #expect(try await stores.scenarios.scenario(slug: "ailleurs")?.groupId == elsewhere.id)
        #expect(try await stores.scenarios.scenario(slug: "livre")?.seedFile == "livre.md")
        #expect(try await stores.scenarios.scenario(slug: "marche")?.currentRevision == mine.number)
        var conflicts = try await stores.scenarios.scenarioSeedConflicts()
        #expect(conflicts.map(\.slug) == ["marche"] && conflicts.first?.isFromSync == true)
        #expect(conflicts.first?.fileBody == scenarioBody("marche", "there") && conflicts.first?.currentRevision == mine.number)
        #expect(try await stores.scenarios.scenarioRevisions(slug: "ailleurs").count == 1)
        #expect(try await stores.scenarios.scenarioRevisions(slug: "livre").count == 1)
        let arrived = try #require(try await stores.scenarios.scenario(slug: "arrive"))
        #expect(arrived.groupId == group.id && arrived.createdBy == nil && arrived.currentRevision == 1)
        #expect(try await stores.scenarios.scenarioRevision(slug: "arrive", number: 1)?.body == scenarioBody("arrive", "new"))

        // A save here builds on both heads (after every number held) and settles the conflict.
        let settled = try await stores.scenarios.saveScenarioRevision(slug: "marche", body: scenarioBody("marche", "both"), authorId: trainer.id,
                                                                      message: "both", expectedRevision: mine.number, now: start.addingTimeInterval(30))
        #expect(settled.number == 4)
        let held = try await stores.sync!.scenarioRevisions(slug: "marche")
        #expect(held.last?.parents == [second.syncId, "aaaa"].sorted())
        #expect(try await stores.scenarios.scenarioSeedConflicts().isEmpty)

        // Apart again, the other side later: theirs is current; then a save there on both settles it here too.
        batch.scenarios = []
        batch.scenarioRevisions = [revision("eeee", "marche", parents: ["aaaa"], title: "later", at: 40)]
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.scenarioConflicts == ["marche"])
        #expect(try await stores.scenarios.scenario(slug: "marche")?.currentRevision == 5)
        conflicts = try await stores.scenarios.scenarioSeedConflicts()
        #expect(conflicts.first?.fileBody == scenarioBody("marche", "both"))
        batch.scenarioRevisions = [revision("ffff", "marche", parents: ["eeee", held.last!.syncId], title: "settled", at: 50)]
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.scenarioConflicts.isEmpty && report.scenarioRevisionsAdded == 1)
        #expect(try await stores.scenarios.scenario(slug: "marche")?.currentRevision == 6)
        #expect(try await stores.scenarios.scenarioSeedConflicts().isEmpty)
        // The same revisions again change nothing.
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.scenarioRevisionsAdded == 0 && report.skipped == 1)

        // Visibility: a change here moves the scenario's clock; from a batch the later one wins.
        try await stores.scenarios.updateScenario(slug: "marche", groupId: group.id, visibility: .network)
        let clock = try #require(try await stores.sync!.editClocks(.scenario, ids: ["marche"]).first).editedAt
        batch.scenarioRevisions = []
        batch.scenarios = [ScenarioRecord(slug: "marche", groupId: group.id, visibility: .public, createdBy: nil)]
        batch.editClocks = [SyncEditClock(kind: .scenario, itemId: "marche", editedAt: clock - 1)]
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.edited == 0)
        #expect(try await stores.scenarios.scenario(slug: "marche")?.visibility == .network)
        batch.editClocks = [SyncEditClock(kind: .scenario, itemId: "marche", editedAt: clock + 1)]
        report = try await stores.sync!.apply(batch, rule: .standard, beforeEachItem: {}, unreferenced: { _ in })
        #expect(report.edited == 1)
        #expect(try await stores.scenarios.scenario(slug: "marche")?.visibility == .public)
        #expect(try await stores.sync!.editClocks(.scenario, ids: ["marche"]).first?.editedAt == clock + 1)
    }
}
