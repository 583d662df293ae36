import Foundation
import Testing
import TestSupport

@Suite("Scenarios: wiki editing, shipped files and visibility")
struct ScenarioEditingTests {
    /// A scenario a trainer writes: a talk step and a listen step on a recording by id.
    static func body(slug: String, title: String, recording: String) -> String {
        """
        ---
        slug: \(slug)
        title: \(title)
        languages: [fr]
        themes: [quartier]
        steps:
          - kind: listen
            prompt: \(recording)
          - kind: talk
            text: Où faites-vous vos courses ?
        ---
        Notes.
        """
    }

    static func put(_ client: HTTPTestClient, _ path: String, _ body: String, headers: [(String, String)] = []) async throws -> HTTPTestClient.Response {
        try await client.send("PUT", path, headers: [("Content-Type", "text/markdown")] + headers, body: .bytes(Array(body.utf8)))
    }

    @Test("every save is a revision with author and message; revisions, diff, revert and If-Match; 422 with the line")
    func revisionsDiffRevert() async throws {
        let world = try await TestWorld.make(arguments: ShippedScenarios.arguments(), mediaRoot: try await ShippedScenarios.shared.seededRoot())
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!
        let path = "/api/scenarios/se-presenter"
        let original = try await trainer.get(path, headers: [("Accept", "text/markdown")])
        #expect(original.status == 200 && original.header("Content-Type")?.hasPrefix("text/markdown") == true && original.header("ETag") == "\"r1\"")
        let edited = original.text.replacingOccurrences(of: "title: Se présenter", with: "title: Se présenter à quelqu'un")
        let saved = try await Self.put(trainer, "\(path)?message=titre%20plus%20clair", edited, headers: [("If-Match", "\"r1\"")])
        #expect(saved.status == 200 && saved.header("ETag") == "\"r2\"", "\(saved.text)")
        #expect(try (saved.json()["scenario"] as? [String: Any])?["title"] as? String == "Se présenter à quelqu'un")
        // A save based on an old revision is refused, not merged blindly.
        let stale = try await Self.put(trainer, path, edited, headers: [("If-Match", "\"r1\"")])
        #expect(stale.status == 412 && stale.errorCode == "revision_changed")
        // A broken save names the line; nothing is stored.
        let broken = try await Self.put(trainer, path, edited.replacingOccurrences(of: "kind: dictation", with: "kind: dictee"))
        #expect(broken.status == 422 && broken.errorCode == "invalid_scenario", "\(broken.text)")
        let problems = try #require((try broken.json()["error"] as? [String: Any])?["problems"] as? [[String: Any]])
        #expect(problems.first?["line"] as? Int == 41 && (problems.first?["reason"] as? String)?.contains("unknown kind 'dictee'") == true, "\(problems)")
        let otherSlug = try await Self.put(trainer, path, edited.replacingOccurrences(of: "slug: se-presenter", with: "slug: autre"))
        #expect(otherSlug.status == 422, "\(otherSlug.text)")

        let revisions = try await trainer.get("\(path)/revisions").json()
        let list = try #require(revisions["revisions"] as? [[String: Any]])
        #expect(list.map { $0["number"] as? Int } == [1, 2] && revisions["current"] as? Int == 2)
        #expect(list.map { $0["message"] as? String } == ["from se-presenter.md", "titre plus clair"])
        #expect(list[0]["authorId"] == nil && list[1]["authorId"] as? String == world.ids["trainerOfGroup"])

        let diff = try await trainer.get("\(path)/diff?from=1&to=2").json()
        #expect(diff["added"] as? Int == 1 && diff["removed"] as? Int == 1)
        let changed = try #require(diff["lines"] as? [[String: Any]]).filter { $0["change"] as? String != "same" }
        #expect(changed.map { $0["text"] as? String } == ["title: Se présenter", "title: Se présenter à quelqu'un"])
        #expect(changed.map { $0["oldLine"] as? Int } == [3, nil] && changed.map { $0["newLine"] as? Int } == [nil, 3])
        let unified = try await trainer.get("\(path)/diff", headers: [("Accept", "text/x-diff")])
        #expect(unified.text.contains("@@ -1,6 +1,6 @@\n ---\n slug: se-presenter\n-title: Se présenter\n+title: Se présenter à quelqu'un\n"), "\(unified.text)")

        let reverted = try await trainer.send("POST", "\(path)/revert", body: .json(["revision": 1]))
        #expect(reverted.status == 200 && reverted.header("ETag") == "\"r3\"", "\(reverted.text)")
        let third = try await trainer.get("\(path)/revisions/3").json()
        #expect(third["body"] as? String == original.text && third["message"] as? String == "reverted to revision 1")
        #expect(try await trainer.get("\(path)/revisions/9").status == 404)
        #expect(try await trainer.get("\(path)/diff?from=zero").status == 400)
        // Learners play scenarios; they do not edit them.
        #expect(try await Self.put(world.clients[.owner]!, path, edited).status == 403)
    }

    @Test("a shipped file changed on disk: a new revision when nobody edited it, a kept conflict when trainers did")
    func seedFileChanges() async throws {
        let folder = try ShippedScenarios.folderCopy()
        let root = try await ShippedScenarios.shared.seededRoot()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: root) }
        let file = folder.appendingPathComponent("chez-le-medecin.md")
        let shipped = try String(contentsOf: file, encoding: .utf8)
        let path = "/api/scenarios/chez-le-medecin"

        // 1. Changed on disk, untouched by trainers: the next start makes it revision 2.
        let second = shipped.replacingOccurrences(of: "level: 2", with: "level: 3")
        try second.write(to: file, atomically: true, encoding: .utf8)
        var server = try await ServerProcess.start(mediaRoot: root, arguments: ShippedScenarios.arguments(folder: folder))
        var revisions = try await server.client.get("\(path)/revisions").json()
        #expect(revisions["current"] as? Int == 2)
        #expect((revisions["revisions"] as? [[String: Any]])?.last?["message"] as? String == "chez-le-medecin.md changed on disk")
        #expect(try (await server.client.get(path).json()["scenario"] as? [String: Any])?["level"] as? Int == 3)
        // 2. A trainer edits it.
        let edited = second.replacingOccurrences(of: "themes: [santé]", with: "themes: [santé, pharmacie]")
        #expect(try await Self.put(server.client, path, edited).status == 200)
        await server.stop()

        // 3. The file changes again: the trainer's version stays current, the file is kept whole.
        let third = second.replacingOccurrences(of: "title: Chez le médecin", with: "title: Chez la médecin")
        try third.write(to: file, atomically: true, encoding: .utf8)
        server = try await ServerProcess.start(mediaRoot: root, arguments: ShippedScenarios.arguments(folder: folder))
        revisions = try await server.client.get("\(path)/revisions").json()
        #expect(revisions["current"] as? Int == 3)
        let current = try await server.client.get(path, headers: [("Accept", "text/markdown")])
        #expect(current.text == edited)
        var problems = try await server.client.get("/api/scenarios/problems").json()
        let conflicts = try #require(problems["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 1 && conflicts.first?["slug"] as? String == "chez-le-medecin" && conflicts.first?["fileBody"] as? String == third
                && conflicts.first?["fromSync"] as? Bool == false)
        #expect(((problems["problems"] as? [[String: Any]])?.first?["reason"] as? String)?.contains("trainers had edited") == true)
        #expect(server.log.contains("chez-le-medecin.md:1: the file changed on disk"))
        // 4. The trainer takes the file's change into their version: the conflict is settled.
        let merged = edited.replacingOccurrences(of: "title: Chez le médecin", with: "title: Chez la médecin")
        #expect(try await Self.put(server.client, path, merged).status == 200)
        problems = try await server.client.get("/api/scenarios/problems").json()
        #expect((problems["conflicts"] as? [Any])?.isEmpty == true)
        await server.stop()
        // 5. An unchanged file at the next start changes nothing.
        server = try await ServerProcess.start(mediaRoot: root, arguments: ShippedScenarios.arguments(folder: folder))
        #expect(try await server.client.get("\(path)/revisions").json()["current"] as? Int == 4)
        #expect(try (await server.client.get("/api/scenarios/problems").json()["conflicts"] as? [Any])?.isEmpty == true)
        await server.stop()
    }

    @Test("a group's scenario is seen by its group, by the network once shared, and copied by another centre to adapt")
    func visibilityAndCopy() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!, otherTrainer = world.clients[.trainerOfOtherGroup]!
        let recording = try await world.ownerRecording("group")
        let body = Self.body(slug: "au-marche", title: "Au marché", recording: recording)
        let created = try await trainer.send("POST", "/api/scenarios?group=\(world.ids["g1"]!)&message=premier%20jet",
                                             headers: [("Content-Type", "text/markdown")], body: .bytes(Array(body.utf8)))
        #expect(created.status == 201 && created.header("Location") == "/api/scenarios/au-marche", "\(created.text)")
        let summary = try #require(try created.json()["scenario"] as? [String: Any])
        #expect(summary["visibility"] as? String == "group" && summary["groupId"] as? String == world.ids["g1"])
        #expect(try await trainer.send("POST", "/api/scenarios?group=\(world.ids["g1"]!)", body: .bytes(Array(body.utf8))).status == 409)

        let path = "/api/scenarios/au-marche"
        for (role, status) in [(TestWorld.Role.peer, 200), (.owner, 200), (.outsider, 404), (.anonymous, 404), (.trainerOfOtherGroup, 404), (.admin, 200)] {
            #expect(try await world.clients[role]!.get(path).status == status, "\(role)")
        }
        let listed = try (await world.clients[.outsider]!.get("/api/scenarios").json()["scenarios"] as? [[String: Any]])?.compactMap { $0["slug"] as? String }
        #expect(listed?.contains("au-marche") == false)
        // Not wider than its audio: a recording heard by the group only keeps it in the group.
        let tooWide = try await trainer.send("PATCH", path, body: .json(["visibility": "network"]))
        #expect(tooWide.status == 422 && tooWide.errorMessage?.contains("line 8: 'prompt': recording \(recording) is heard by group only") == true,
                "\(tooWide.text)")
        #expect(try await trainer.send("PATCH", path, body: .json(["visibility": "private"])).status == 422)
        let networkRecording = try await world.ownerRecording("network")
        let retold = try await Self.put(trainer, path, Self.body(slug: "au-marche", title: "Au marché", recording: networkRecording))
        #expect(retold.status == 200 && retold.header("ETag") == "\"r2\"", "\(retold.text)")
        // Shared with the network (both groups are in one): the other centre sees it.
        let shared = try await trainer.send("PATCH", path, body: .json(["visibility": "network"]))
        #expect(shared.status == 200, "\(shared.text)")
        #expect(try await world.clients[.outsider]!.get(path).status == 200)
        #expect(try await world.clients[.anonymous]!.get(path).status == 404)
        // The other centre may not change it, but may copy it into its own group and adapt it.
        #expect(try await Self.put(otherTrainer, path, body).status == 403)
        let copy = try await otherTrainer.send("POST", "\(path)/copy", body: .json(["slug": "au-marche-lyon", "group": world.ids["g2"]!]))
        #expect(copy.status == 201, "\(copy.text)")
        let copied = try #require(try copy.json()["scenario"] as? [String: Any])
        #expect(copied["copiedFrom"] as? String == "au-marche@2" && copied["groupId"] as? String == world.ids["g2"])
        let adapted = Self.body(slug: "au-marche-lyon", title: "Au marché de la Croix-Rousse", recording: networkRecording)
        #expect(try await Self.put(otherTrainer, "/api/scenarios/au-marche-lyon", adapted).status == 200)
        #expect(try await world.clients[.peer]!.get("/api/scenarios/au-marche-lyon").status == 404)
        #expect(try await otherTrainer.send("POST", "\(path)/copy", body: .json(["slug": "x", "group": world.ids["g1"]!])).status == 403)

        // Learners do not create scenarios; what a scenario names must exist and be audible to its author.
        #expect(try await world.clients[.owner]!.send("POST", "/api/scenarios", body: .bytes(Array(body.utf8))).status == 403)
        let hidden = try await world.ownerRecording("private")
        let refused = try await otherTrainer.send("POST", "/api/scenarios?group=\(world.ids["g2"]!)",
                                                  body: .bytes(Array(Self.body(slug: "cache", title: "Caché", recording: hidden).utf8)))
        #expect(refused.status == 422 && refused.errorMessage?.contains("line 8") == true, "\(refused.text)")
        let missing = try await trainer.send("POST", "/api/scenarios?group=\(world.ids["g1"]!)",
                                             body: .bytes(Array(Self.body(slug: "vide", title: "Vide", recording: "prompts/rien.opus").utf8)))
        #expect(missing.status == 422 && missing.errorMessage?.contains("no file prompts/rien.opus") == true, "\(missing.text)")
        let reserved = try await trainer.send("POST", "/api/scenarios?group=\(world.ids["g1"]!)",
                                              body: .bytes(Array(Self.body(slug: "problems", title: "P", recording: recording).utf8)))
        #expect(reserved.status == 422)
    }
}
