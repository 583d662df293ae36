import Foundation
import Services
import TestSupport
import Testing

/// One regression test per finding of the attack probe (issue 22) that the authority model and the
/// sign-in guard fix: each failed on the code before the fix.
@Suite("Authority: the attack probe's findings", .serialized)
struct AuthorityFindingsTests {
    static let wav = TestWAV.make(Signals.sine(frequency: 330, sampleRate: 16_000, seconds: 0.2), sampleRate: 16_000)

    /// A private recording of `client`'s, returned with its JSON.
    static func privateRecording(_ client: HTTPTestClient) async throws -> [String: Any] {
        let created = try await client.send("POST", "/api/recordings?title=mine", body: .bytes(wav))
        try #require(created.status == 201, "\(created.text)")
        return try created.json()
    }

    /// Runs a query on the server's live database with the sqlite3 shell.
    static func query(_ world: TestWorld, _ sql: String) throws -> String {
        try ExternalTool.run("sqlite3", [world.server.mediaRoot.appendingPathComponent("parlons.sqlite").path, sql]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a trainer cannot make another group's learner theirs by adding them to a group; a trainer of both can, on record")
    func noTakeover() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!, outsider = world.ids["outsider"]!, g1 = world.ids["g1"]!
        let secret = try #require(try await Self.privateRecording(world.clients[.outsider]!)["id"] as? String)

        let taken = try await trainer.send("POST", "/api/groups/\(g1)/members", body: .json(["personId": outsider]))
        #expect(taken.status == 403 && taken.errorCode == "forbidden", "\(taken.text)")
        #expect(try await world.admin.get("/api/groups/\(g1)/members").json(array: true).allSatisfy { $0["id"] as? String != outsider })
        // Nothing of the learner's reaches the trainer.
        #expect(try await trainer.get("/api/recordings/\(secret)").status == 404)
        #expect(try await trainer.get("/media/\(secret).opus").status == 404)
        #expect(try await trainer.send("POST", "/api/recordings/\(secret)/withdraw").status == 404)
        #expect(try await trainer.send("PUT", "/api/people/\(outsider)/picture-code", body: .json(["code": [1, 2, 3]])).status == 404)
        #expect(try await trainer.get("/api/people/\(outsider)/sign-in-attempts").status == 404)
        #expect(try await trainer.get("/api/people/\(outsider)/progress").status == 404)
        #expect(try await world.clients[.outsider]!.get("/api/recordings/\(secret)").status == 200)

        // A trainer of both groups moves the learner, and who did is kept.
        let both = try await world.create("/api/people", ["name": "bridge", "displayName": "Bridge", "role": "trainer", "password": "password-bridge"])
        for group in ["g1", "g2"] { try await world.expect(204, "POST", "/api/groups/\(world.ids[group]!)/members", ["personId": both]) }
        let bridge = try await world.passwordSession("bridge", password: "password-bridge")
        #expect(try await bridge.send("POST", "/api/groups/\(g1)/members", body: .json(["personId": outsider])).status == 204)
        #expect(try Self.query(world, "SELECT addedBy FROM membership WHERE groupId = '\(g1)' AND personId = '\(outsider)'") == both)
        // Now the learner is in the first trainer's group: their trainer there follows them.
        #expect(try await trainer.get("/api/recordings/\(secret)").status == 200)
    }

    @Test("co-trainers of a group never reach each other's private recordings or accounts")
    func coTrainers() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let colleague = try await world.create("/api/people", ["name": "colleague", "displayName": "Colleague", "role": "trainer",
                                                               "password": "password-colleague"])
        try await world.expect(204, "POST", "/api/groups/\(world.ids["g1"]!)/members", ["personId": colleague])
        let own = try await world.passwordSession("colleague", password: "password-colleague")
        let secret = try #require(try await Self.privateRecording(own)["id"] as? String)
        let trainer = world.clients[.trainerOfGroup]!
        #expect(try await trainer.get("/api/recordings/\(secret)").status == 404)
        #expect(try await trainer.get("/media/\(secret).opus").status == 404)
        #expect(try await trainer.send("DELETE", "/api/recordings/\(secret)").status == 404)
        let listed = try await trainer.get("/api/recordings?limit=200").json()["recordings"] as? [[String: Any]] ?? []
        #expect(!listed.contains { $0["id"] as? String == secret })
        // They still see each other as members, but have no power over each other.
        #expect(try await trainer.get("/api/people/\(colleague)").status == 200)
        #expect(try await trainer.send("PATCH", "/api/people/\(colleague)", body: .json(["displayName": "Renamed"])).status == 403)
        #expect(try await trainer.get("/api/people/\(colleague)/sign-in-attempts").status == 403)
        #expect(try await trainer.send("DELETE", "/api/groups/\(world.ids["g1"]!)/members/\(colleague)").status == 403)
        // Their learners are still theirs.
        #expect(try await trainer.get("/api/recordings/\(try await Self.privateRecording(world.clients[.owner]!)["id"] as? String ?? "")").status == 200)
    }

    @Test("wrong codes from elsewhere lock that place, never the learner's own kiosk; a trainer unlocks everywhere")
    func lockIsNoWeapon() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.ids["owner"]!, peer = world.ids["peer"]!
        let attacker = world.server.anonymous.from("127.0.0.2")
        for attempt in 1...5 {
            let wrong = try await attacker.send("POST", "/api/auth/picture", body: .json(["personId": owner, "code": [1, 2, 3]]))
            #expect(wrong.status == (attempt < 5 ? 401 : 429), "attempt \(attempt): \(wrong.text)")
        }
        #expect(try await attacker.send("POST", "/api/auth/picture", body: .json(["personId": owner, "code": TestWorld.code])).status == 429)
        // The learner at their group's kiosk, and on their own phone, still get in.
        _ = try await world.pictureSession("owner", via: world.clients[.kiosk]!)
        _ = try await world.pictureSession("owner", via: world.server.anonymous.from("127.0.0.3"))

        // Wrong codes from many places lock the learner everywhere but at their own kiosk.
        for place in 4...6 {
            for _ in 1...5 {
                _ = try await world.server.anonymous.from("127.0.0.\(place)").send("POST", "/api/auth/picture",
                                                                                   body: .json(["personId": peer, "code": [1, 2, 3]]))
            }
        }
        let elsewhere = world.server.anonymous.from("127.0.0.7")
        let refused = try await elsewhere.send("POST", "/api/auth/picture", body: .json(["personId": peer, "code": TestWorld.code]))
        #expect(refused.status == 429 && refused.errorMessage?.contains("except on their group's kiosk") == true, "\(refused.text)")
        let listed = try await world.clients[.kiosk]!.get("/api/signin/groups/\(world.ids["g1"]!)/learners").json(array: true)
        #expect(listed.first { $0["id"] as? String == peer }?["locked"] as? Bool == false, "the kiosk shows the learner as usable")
        _ = try await world.pictureSession("peer", via: world.clients[.kiosk]!)
        #expect(try await world.clients[.trainerOfGroup]!.send("POST", "/api/people/\(peer)/unlock").status == 200)
        _ = try await world.pictureSession("peer", via: elsewhere)
        // Every refusal is on record, marked as not checked.
        let attempts = try await world.clients[.trainerOfGroup]!.get("/api/people/\(owner)/sign-in-attempts").json(array: true)
        #expect(attempts.contains { $0["checked"] as? Bool == false && $0["clientAddress"] as? String == "127.0.0.2" })
        #expect(attempts.filter { $0["checked"] as? Bool == true && $0["succeeded"] as? Bool == false }.count == 5)
    }

    @Test("300 wrong picture codes at once: five are checked; a right code sent after five wrong ones never signs in")
    func burst() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let peer = world.ids["peer"]!, outsider = world.ids["outsider"]!
        let wrongCodes = (0..<300).map { [$0 % 12, ($0 / 12) % 12, 0] }

        // 300 wrong codes at once: whatever order they arrive in, exactly five are checked. (With the
        // right code among them it could arrive among the first five and rightly sign in, which
        // starts a new row of five: the right code's case is the one below, after five wrong ones.)
        let statuses = try await Self.send(codes: wrongCodes, for: peer, from: world.server.anonymous.from("127.0.0.8"))
        let checked = try Int(Self.query(world, "SELECT count(*) FROM signInAttempt WHERE personId = '\(peer)' AND clientAddress = '127.0.0.8' AND checked = 1")) ?? -1
        print("burst of \(statuses.count) wrong codes at once: \(checked) checked, \(statuses.filter { $0 == 429 }.count) answered 429")
        #expect(statuses.count == 300 && checked == 5 && !statuses.contains(200))

        // Five wrong codes take their turns first; then the rest, the right one among them.
        let attacker = world.server.anonymous.from("127.0.0.9")
        async let first = Self.send(codes: Array(wrongCodes.prefix(5)), for: outsider, from: attacker)
        let deadline = Date().addingTimeInterval(60)
        while try Self.query(world, "SELECT count(*) FROM signInAttempt WHERE personId = '\(outsider)' AND clientAddress = '127.0.0.9'") != "5", Date() < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let rest = try await Self.send(codes: [TestWorld.code] + Array(wrongCodes.dropFirst(5).prefix(294)), for: outsider, from: attacker)
        #expect(try await first.allSatisfy { $0 == 401 || $0 == 429 })
        #expect(!rest.contains(200) && rest.allSatisfy { $0 == 429 }, "\(Set(rest))")
        #expect(try Self.query(world, "SELECT count(*) FROM signInAttempt WHERE personId = '\(outsider)' AND clientAddress = '127.0.0.9' AND checked = 1") == "5")
    }

    /// Sends every code at once (one connection each) and returns the statuses.
    static func send(codes: [[Int]], for personId: String, from client: HTTPTestClient) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for code in codes {
                group.addTask { try await client.send("POST", "/api/auth/picture", body: .json(["personId": personId, "code": code])).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("a scenario cannot republish a stored recording's file: scenario media is a folder of its own")
    func scenarioMediaApart() async throws {
        let media = try ExternalTool.temporaryDirectory("parlons-scenario-media")
        defer { try? FileManager.default.removeItem(at: media) }
        let world = try await TestWorld.make(arguments: ["--scenario-media", media.path])
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!
        let recording = try await Self.privateRecording(world.clients[.owner]!)
        let sha = try #require(recording["sha256"] as? String)
        let stored = "recordings/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).opus"
        #expect(FileManager.default.fileExists(atPath: world.server.mediaRoot.appendingPathComponent(stored).path))

        func publish(_ slug: String, naming path: String) async throws -> HTTPTestClient.Response {
            let body = ScenarioEditingTests.body(slug: slug, title: "Vol", recording: path)
            return try await trainer.send("POST", "/api/scenarios?group=\(world.ids["g1"]!)&visibility=public",
                                          headers: [("Content-Type", "text/markdown")], body: .bytes(Array(body.utf8)))
        }
        // By its path in the media root: not there, the scenario folder is elsewhere.
        let byPath = try await publish("vol", naming: stored)
        #expect(byPath.status == 422 && byPath.errorMessage?.contains("no file \(stored)") == true, "\(byPath.text)")
        // A link out of the scenario folder into the media root is not followed.
        try FileManager.default.createSymbolicLink(at: media.appendingPathComponent("recordings"),
                                                   withDestinationURL: world.server.mediaRoot.appendingPathComponent("recordings"))
        let byLink = try await publish("lien", naming: stored)
        #expect(byLink.status == 422 && byLink.errorMessage?.contains("no file") == true, "\(byLink.text)")
        // A copy of the stored file is still the learner's recording, not shipped content.
        try FileManager.default.createDirectory(at: media.appendingPathComponent("prompts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: world.server.mediaRoot.appendingPathComponent(stored),
                                        to: media.appendingPathComponent("prompts/copie.opus"))
        let byCopy = try await publish("copie", naming: "prompts/copie.opus")
        #expect(byCopy.status == 422 && byCopy.errorMessage?.contains("copy of a stored recording") == true, "\(byCopy.text)")
        #expect(try await world.server.anonymous.get("/api/scenarios").json()["scenarios"].flatMap { ($0 as? [Any])?.isEmpty } == true)
    }

    @Test("by default the scenario media folder is media/scenarios, not the media root: a stored file's path names nothing")
    func scenarioMediaDefault() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let sha = try #require(try await Self.privateRecording(world.clients[.owner]!)["sha256"] as? String)
        let stored = "recordings/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).opus"
        let body = ScenarioEditingTests.body(slug: "vol", title: "Vol", recording: stored)
        let published = try await world.clients[.trainerOfGroup]!.send("POST", "/api/scenarios?group=\(world.ids["g1"]!)&visibility=public",
                                                                        headers: [("Content-Type", "text/markdown")], body: .bytes(Array(body.utf8)))
        #expect(published.status == 422 && published.errorMessage?.contains("no file \(stored) in scenarios/") == true, "\(published.text)")
    }

    @Test("the server refuses a scenario media folder that holds the recordings")
    func scenarioMediaMustBeApart() throws {
        let root = try ExternalTool.temporaryDirectory("parlons-shared-root")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try ExternalTool.run(ServerProcess.binaryPath, ["serve", "--port", "0", "--media", root.path, "--scenario-media", root.path,
                                                                  "--scenarios", "none"], requireSuccess: false)
        #expect(run.status != 0)
        #expect((run.stdout + run.stderr).contains("holds user data"), "\(run.stdout)\(run.stderr)")
    }
}
