import Exercises
import Foundation
import Storage
import Testing

/// `ScenarioStore`: scenarios as wiki pages (here), shipped files taken in (`+Seeds`), steps done
/// and shipped media.
public enum ScenarioStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a scenario is created with revision 1; a taken slug is a conflict", create),
        ConformanceCase("each save is the next revision; an expectedRevision that moved on is a conflict", saveRevisions),
        ConformanceCase("of saves based on one revision at once, exactly one is kept", concurrentSaves),
        ConformanceCase("updating moves a scenario between groups and visibilities; an unknown slug is not found", update),
        ConformanceCase("who sees which scenario: public to all, group and network ones to members, all to admins", visibility),
        ConformanceCase("seeds: created, unchanged, updated while untouched, a kept conflict once edited", seeds),
        ConformanceCase("a seed conflict ends when a trainer saves, or when the file comes back to the current text", seedConflictEnds),
        ConformanceCase("steps done are kept per learner (the latest answer), scores come from step attempts", steps),
        ConformanceCase("shipped media is saved and replaced by path", shippedMedia),
    ]

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    public static func create(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let group = try await Seed.group(stores, "Classe", members: [trainer])
        let record = ScenarioRecord(slug: "chez-le-medecin", groupId: group.id, visibility: .group, currentRevision: 7, createdBy: trainer.id,
                                    createdAt: t0, copiedFrom: "medecin@3")
        let first = try await stores.scenarios.createScenario(record, body: "# Chez le médecin", message: "created")
        #expect(first == ScenarioRevision(slug: record.slug, number: 1, body: "# Chez le médecin", authorId: trainer.id, message: "created",
                                          createdAt: t0))
        var expected = record
        expected.currentRevision = 1
        #expect(try await stores.scenarios.scenario(slug: record.slug) == expected)
        #expect(try await stores.scenarios.scenario(slug: "nope") == nil)
        #expect(try await stores.scenarios.scenarioRevision(slug: record.slug, number: 1) == first)
        #expect(try await stores.scenarios.scenarioRevision(slug: record.slug, number: 2) == nil)
        let error = await #expect(throws: StorageError.self) {
            try await stores.scenarios.createScenario(ScenarioRecord(slug: record.slug, groupId: nil, visibility: .public, createdBy: nil),
                                                      body: "other", message: "again")
        }
        #expect(error?.code == .conflict)
        #expect(try await stores.scenarios.scenarioRevisions(slug: record.slug) == [first])
    }

    public static func saveRevisions(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let first = try await stores.scenarios.createScenario(ScenarioRecord(slug: "s", groupId: nil, visibility: .public, createdBy: nil,
                                                                             createdAt: t0), body: "v1", message: "one")
        let second = try await stores.scenarios.saveScenarioRevision(slug: "s", body: "v2", authorId: trainer.id, message: "two",
                                                                     expectedRevision: 1, now: t0.addingTimeInterval(1))
        #expect(second == ScenarioRevision(slug: "s", number: 2, body: "v2", authorId: trainer.id, message: "two", createdAt: t0.addingTimeInterval(1)))
        let third = try await stores.scenarios.saveScenarioRevision(slug: "s", body: "v3", authorId: nil, message: "three",
                                                                    expectedRevision: nil, now: t0.addingTimeInterval(2))
        #expect(third.number == 3)
        let stale = await #expect(throws: StorageError.self) {
            try await stores.scenarios.saveScenarioRevision(slug: "s", body: "late", authorId: nil, message: "late", expectedRevision: 2,
                                                            now: t0.addingTimeInterval(3))
        }
        #expect(stale?.code == .conflict)
        let missing = await #expect(throws: StorageError.self) {
            try await stores.scenarios.saveScenarioRevision(slug: "nope", body: "x", authorId: nil, message: "x", expectedRevision: nil,
                                                            now: t0)
        }
        #expect(missing?.code == .notFound)
        #expect(try await stores.scenarios.scenarioRevisions(slug: "s") == [first, second, third])
        #expect(try await stores.scenarios.scenario(slug: "s")?.currentRevision == 3)
        #expect(try await stores.scenarios.scenarioRevisions(slug: "nope").isEmpty)
    }

    public static func concurrentSaves(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: "s", groupId: nil, visibility: .public, createdBy: nil),
                                                      body: "v1", message: "one")
        let gate = StartingGate(count: 5)
        let kept = try await withThrowingTaskGroup(of: String?.self) { group in
            for body in ["a", "b", "c", "d", "e"] {
                group.addTask {
                    await gate.wait()
                    do {
                        _ = try await stores.scenarios.saveScenarioRevision(slug: "s", body: body, authorId: nil, message: body, expectedRevision: 1)
                        return body
                    } catch let error as StorageError where error.code == .conflict {
                        return nil
                    }
                }
            }
            return try await group.reduce(into: [String]()) { if let body = $1 { $0.append(body) } }
        }
        #expect(kept.count == 1)
        #expect(try await stores.scenarios.scenarioRevisions(slug: "s").map(\.body) == ["v1"] + kept)
    }

    public static func update(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let group = try await Seed.group(stores, "Classe")
        _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: "s", groupId: nil, visibility: .public, createdBy: nil),
                                                      body: "v1", message: "one")
        try await stores.scenarios.updateScenario(slug: "s", groupId: group.id, visibility: .network)
        let updated = try #require(try await stores.scenarios.scenario(slug: "s"))
        #expect(updated.groupId == group.id && updated.visibility == .network && updated.currentRevision == 1)
        let error = await #expect(throws: StorageError.self) {
            try await stores.scenarios.updateScenario(slug: "nope", groupId: nil, visibility: .public)
        }
        #expect(error?.code == .notFound)
        // A deleted group leaves its scenarios without one.
        _ = try await stores.people.deleteGroup(id: group.id)
        #expect(try await stores.scenarios.scenario(slug: "s")?.groupId == nil)
    }

    public static func visibility(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let world = try await AuthorityWorld.build(stores)
        let scenarios: [(String, LearningGroup?, Visibility)] = [
            ("public", nil, .public), ("class-group", world.classGroup, .group), ("class-network", world.classGroup, .network),
            ("class-private", world.classGroup, .private), ("camp-group", world.camp, .group),
        ]
        for (slug, group, visibility) in scenarios {
            _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: slug, groupId: group?.id, visibility: visibility, createdBy: nil),
                                                          body: "# \(slug)", message: "created")
        }
        _ = try await stores.scenarios.saveScenarioRevision(slug: "public", body: "# public, v2", authorId: nil, message: "v2")
        let expected: [(Viewer, String, [String])] = [
            (Viewer.anonymous(), "anonymous", ["public"]),
            (world.viewer(world.admin), "admin", ["camp-group", "class-group", "class-network", "class-private", "public"]),
            (world.viewer(world.learner), "learner", ["class-group", "class-network", "public"]),
            (world.viewer(world.trainer), "trainer", ["class-group", "class-network", "public"]),
            (world.viewer(world.partnerLearner), "network partner", ["class-network", "public"]),
            (world.viewer(world.stranger), "stranger", ["camp-group", "public"]),
        ]
        for (viewer, name, slugs) in expected {
            let listed = try await stores.scenarios.scenarios(visibleTo: viewer)
            #expect(listed.map(\.0.slug) == slugs, "\(name)")
            #expect(listed.allSatisfy { $0.1.number == $0.0.currentRevision && $0.1.slug == $0.0.slug }, "\(name)")
            for (slug, _, _) in scenarios {
                #expect((try await stores.scenarios.scenario(slug: slug, visibleTo: viewer) != nil) == slugs.contains(slug), "\(name): \(slug)")
            }
        }
        #expect(try await stores.scenarios.scenarios(visibleTo: Viewer.anonymous()).first?.1.body == "# public, v2")
        // Without a viewer: whoever asks.
        #expect(try await stores.scenarios.scenario(slug: "class-private", visibleTo: nil) != nil)
    }
}
