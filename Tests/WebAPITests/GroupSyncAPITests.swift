import Foundation
import Testing
import TestSupport

/// Pairing from the trainer screens' API: the centre's trainer starts it on the group and gets the
/// code once; the camp server's admin enters it; a bundle the centre then writes is accepted by
/// the camp (the two keys match), and the refusals are 4xx JSON naming what is wrong.
@Suite("Group pairing API", .serialized)
struct GroupSyncAPITests {
    @Test("start on the centre, join on the camp, then a bundle goes across; a second pairing or a wrong code is refused")
    func pairFromTheAPI() async throws {
        let centre = try await ServerProcess.start(), camp = try await ServerProcess.start()
        defer { centre.stop(); centre.removeMediaRoot(); camp.stop(); camp.removeMediaRoot() }
        let usb = try ExternalTool.temporaryDirectory("parlons-pairing")
        defer { try? FileManager.default.removeItem(at: usb) }
        let json = [("Content-Type", "application/json")]
        let made = try await centre.client.send("POST", "/api/groups", headers: json, body: .bytes(Array(#"{"name":"Aire des Saules"}"#.utf8)))
        let group = try #require(try made.json()["id"] as? String, "\(made.text)")

        let before = try await centre.client.get("/api/groups/\(group)/sync")
        #expect(before.status == 200)
        #expect(try before.json()["available"] as? Bool == true && before.json()["paired"] as? Bool == false, "\(before.text)")
        let started = try await centre.client.send("POST", "/api/groups/\(group)/sync")
        #expect(started.status == 201, "\(started.text)")
        let code = try #require(try started.json()["code"] as? String)
        #expect(code.count == 39)
        let again = try await centre.client.send("POST", "/api/groups/\(group)/sync")
        #expect(again.status == 409 && again.errorCode == "already_paired", "\(again.text)")
        let paired = try await centre.client.get("/api/groups/\(group)/sync").json()
        #expect(paired["paired"] as? Bool == true && paired["pairedAt"] is String, "\(paired)")
        #expect((paired["waiting"] as? Int ?? 0) > 0, "the group itself waits to go: \(paired)")

        func join(_ code: String, groupId: String = group) async throws -> HTTPTestClient.Response {
            let body = try JSONSerialization.data(withJSONObject: ["groupId": groupId, "code": code])
            return try await camp.client.send("POST", "/api/sync-pairings", headers: json, body: .bytes(Array(body)))
        }
        let wrong = try await join("ABCD-EFGH")
        #expect(wrong.status == 422 && wrong.errorCode == "invalid_code" && wrong.text.contains("pairing code is not right"), "\(wrong.text)")
        let badGroup = try await join(code, groupId: "not a group id")
        #expect(badGroup.status == 404, "\(badGroup.text)")
        let joined = try await join(code.lowercased().replacingOccurrences(of: "-", with: " "))
        #expect(joined.status == 204, "a code typed in lower case with spaces is the same code: \(joined.text)")
        let twice = try await join(code)
        #expect(twice.status == 409 && twice.errorCode == "already_paired", "\(twice.text)")

        // The keys match: the centre's bundle is accepted on the camp, and the group arrives with it.
        let export = try await ExternalTool.run(ServerProcess.binaryPath, ["sync", "export", "--group", group, usb.path, "--media", centre.mediaRoot.path],
                                                requireSuccess: false)
        #expect(export.status == 0, "\(export.stderr)")
        let imported = try await ExternalTool.run(ServerProcess.binaryPath, ["sync", "import", usb.path, "--media", camp.mediaRoot.path],
                                                  requireSuccess: false)
        #expect(imported.status == 0, "\(imported.stderr)")
        let arrived = try await camp.client.get("/api/groups/\(group)")
        #expect(arrived.status == 200 && arrived.text.contains("Aire des Saules"), "\(arrived.text)")
        let campState = try await camp.client.get("/api/groups/\(group)/sync").json()
        #expect(campState["paired"] as? Bool == true && campState["lastExchangeAt"] is String, "\(campState)")
    }

    @Test("a scenario saved apart on both servers is shown as a conflict from the paired server, with the other's text")
    func scenarioSavedApart() async throws {
        let centre = try await ServerProcess.start(), camp = try await ServerProcess.start()
        defer { centre.stop(); centre.removeMediaRoot(); camp.stop(); camp.removeMediaRoot() }
        let usb = try ExternalTool.temporaryDirectory("parlons-scenario-sync")
        defer { try? FileManager.default.removeItem(at: usb) }
        let made = try await centre.client.send("POST", "/api/groups", body: .json(["name": "Aire des Saules"]))
        let group = try #require(try made.json()["id"] as? String, "\(made.text)")
        let code = try #require(try await centre.client.send("POST", "/api/groups/\(group)/sync").json()["code"] as? String)
        #expect(try await camp.client.send("POST", "/api/sync-pairings", body: .json(["groupId": group, "code": code])).status == 204)
        func carry(_ from: ServerProcess, _ to: ServerProcess) async throws {
            try? FileManager.default.removeItem(at: usb)
            try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
            let export = try await ExternalTool.run(ServerProcess.binaryPath, ["sync", "export", "--group", group, usb.path, "--media", from.mediaRoot.path],
                                                    requireSuccess: false)
            #expect(export.status == 0, "\(export.stderr)")
            let imported = try await ExternalTool.run(ServerProcess.binaryPath, ["sync", "import", usb.path, "--media", to.mediaRoot.path],
                                                      requireSuccess: false)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        func scenario(title: String) -> String {
            "---\nslug: au-marche\ntitle: \(title)\nlanguages: [fr]\nthemes: [quartier]\nsteps:\n  - kind: talk\n    text: Où faites-vous vos courses ?\n---\n"
        }
        let markdown = [("Content-Type", "text/markdown")]
        let created = try await centre.client.send("POST", "/api/scenarios?group=\(group)", headers: markdown,
                                                   body: .bytes(Array(scenario(title: "Au marché").utf8)))
        #expect(created.status == 201, "\(created.text)")
        try await carry(centre, camp)
        #expect(try await camp.client.get("/api/scenarios/au-marche").status == 200)

        // Saved apart: the centre's trainer and the camp's, each on their side.
        for (server, title) in [(centre, "Au marché du lundi"), (camp, "Au marché du jeudi")] {
            let saved = try await server.client.send("PUT", "/api/scenarios/au-marche", headers: markdown, body: .bytes(Array(scenario(title: title).utf8)))
            #expect(saved.status == 200, "\(saved.text)")
        }
        try await carry(centre, camp)
        let problems = try await camp.client.get("/api/scenarios/problems").json()
        let conflicts = try #require(problems["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 1, "\(problems)")
        #expect(conflicts.first?["fromSync"] as? Bool == true, "\(problems)")
        let bodies = [scenario(title: "Au marché du lundi"), scenario(title: "Au marché du jeudi")]
        #expect(bodies.contains(conflicts.first?["fileBody"] as? String ?? ""), "the other head's whole text: \(problems)")
    }
}
