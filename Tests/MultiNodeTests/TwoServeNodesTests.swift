import Foundation
import TestSupport
import Testing

/// Two `parlons serve` processes on one PostgreSQL database and one S3 bucket, as two nodes behind
/// a load balancer: what one is told, the other serves; what one withdraws, the other stops
/// serving within a second (nothing is cached per node that could outlive it).
@Suite("Two parlons serve nodes on one database and one bucket")
struct TwoServeNodesTests {
    @Test("an upload to A is listed, found and played on B; narrowing and withdrawing on A are a 404 on B within a second")
    func uploadServedAndWithdrawnEverywhere() async throws {
        let network = try await NodeNetwork.make()
        defer { network.tearDown() }
        let a = try await network.node(), b = try await network.node()
        defer { a.stop(); a.removeMediaRoot(); b.stop(); b.removeMediaRoot() }
        let adminA = network.admin(a), adminB = network.admin(b)

        let wav = TestWAV.make(Signals.sweep(from: 200, to: 2_000, sampleRate: 48_000, seconds: 1), sampleRate: 48_000)
        let created = try await adminA.send("POST", "/api/recordings?title=Au%20march%C3%A9&language=fr",
                                            headers: [("Content-Type", "audio/wav")], body: .bytes(wav))
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(try created.json()["id"] as? String)
        let sha = try #require(try created.json()["sha256"] as? String)
        let transcript = try await adminA.send("PUT", "/api/recordings/\(id)/transcripts/fr", headers: [("Content-Type", "text/plain")],
                                               body: .bytes(Array("Bonjour, je voudrais des pêches mûres.".utf8)))
        #expect(transcript.status == 201 || transcript.status == 200, "\(transcript.text)")

        // Listed, found and played on B, byte for byte what A stored.
        let listed = try await adminB.get("/api/recordings").json()["recordings"] as? [[String: Any]]
        #expect(listed?.compactMap { $0["id"] as? String } == [id])
        let found = try await adminB.get("/api/search?q=peches%20mur").json()["results"] as? [[String: Any]]
        #expect(found?.compactMap { $0["recordingId"] as? String } == [id])
        let played = try await adminB.get("/media/\(id).opus")
        #expect(played.status == 200)
        #expect(NodeNetwork.sha256(played.body) == sha)
        #expect(try await adminA.get("/media/\(id).opus").body == played.body)

        // Public once its owner consents (on B), heard by anyone on A and B.
        let consent = try await adminB.send("POST", "/api/recordings/\(id)/consent", body: .json(["visibility": "public", "method": "tap"]))
        #expect(consent.status == 201, "\(consent.text)")
        for node in [a, b] {
            let heard = try await node.anonymous.get("/media/\(id).opus")
            #expect(heard.status == 200 && NodeNetwork.sha256(heard.body) == sha)
        }

        // Narrowed on A: anyone else gets 404 on B within a second (B served it from memory just now).
        let narrowed = try await adminA.send("PATCH", "/api/recordings/\(id)", body: .json(["visibility": "private"]))
        #expect(narrowed.status == 200, "\(narrowed.text)")
        let unheard = try await NodeNetwork.elapsedUntil(limit: 1) { try await b.anonymous.get("/media/\(id).opus").status == 404 }
        #expect(unheard != nil, "B still serves a recording A made private")
        #expect((try await b.anonymous.get("/api/search?q=peches").json()["results"] as? [[String: Any]])?.isEmpty == true)
        #expect(try await adminB.get("/media/\(id).opus").status == 200)

        // Withdrawn on A: B serves neither the row nor the bytes within a second, to anyone.
        #expect(try await adminA.send("DELETE", "/api/recordings/\(id)").status == 204)
        let gone = try await NodeNetwork.elapsedUntil(limit: 1) {
            let media = try await adminB.get("/media/\(id).opus").status
            let row = try await adminB.get("/api/recordings/\(id)").status
            return media == 404 && row == 410
        }
        #expect(gone != nil, "B still serves a recording A withdrew")
        #expect(try await b.anonymous.get("/api/recordings/\(id)").status == 404)
        #expect((try await adminB.get("/api/search?q=peches").json()["results"] as? [[String: Any]])?.isEmpty == true)
        #expect(try network.bucketClient().list(prefix: "recordings/").isEmpty)
    }

    @Test("sign-in state is shared: a trainer's session made on A works on B and ends on A when signed out on B; wrong picture codes count on both")
    func signInStateAcrossNodes() async throws {
        let network = try await NodeNetwork.make()
        defer { network.tearDown() }
        let a = try await network.node(), b = try await network.node()
        defer { a.stop(); a.removeMediaRoot(); b.stop(); b.removeMediaRoot() }
        try await network.cli(["user", "add", "--name", "claire", "--role", "trainer", "--password-stdin"], input: "claire-password-1")

        let signIn = try await a.anonymous.send("POST", "/api/auth/password", body: .json(["name": "claire", "password": "claire-password-1"]))
        #expect(signIn.status == 200, "\(signIn.text)")
        let cookie = try #require(signIn.cookies["parlons_session"])
        let onB = b.anonymous.adding([("Cookie", "parlons_session=\(cookie)")])
        let me = try await onB.get("/api/auth/me")
        #expect(me.status == 200, "\(me.text)")
        #expect((try me.json()["person"] as? [String: Any])?["role"] as? String == "trainer")
        let csrf = try #require(try signIn.json()["csrfToken"] as? String)
        #expect(try me.json()["csrfToken"] as? String == csrf)

        // A change made with the cookie on B, its CSRF token from B, is the trainer's.
        let token = try await onB.send("POST", "/api/tokens", headers: [("X-CSRF-Token", csrf)], body: .json(["name": "from-b"]))
        #expect(token.status == 201, "\(token.text)")

        #expect(try await onB.send("POST", "/api/auth/signout", headers: [("X-CSRF-Token", csrf)]).status == 204)
        let onA = a.anonymous.adding([("Cookie", "parlons_session=\(cookie)")])
        #expect(try await onA.get("/api/auth/me").status == 401)

        try await ExternalTool.run(ServerProcess.binaryPath, ["user", "add", "--name", "noor", "--role", "learner", "--media", network.cliRoot.path,
                                                              "--database", network.databaseURL])
        let people = try await network.admin(a).get("/api/people").json(array: true)
        let learner = try #require(people.first { $0["name"] as? String == "noor" }?["id"] as? String)
        #expect(try await network.admin(a).send("PUT", "/api/people/\(learner)/picture-code", body: .json(["code": [3, 7, 11]])).status == 204)

        // Five wrong codes in a row from one place (SignInGuardLimits), alternating nodes.
        let wrong = HTTPTestClient.Body.json(["personId": learner, "code": [1, 2, 3]])
        for attempt in 1...4 {
            let node = attempt.isMultiple(of: 2) ? b : a
            let response = try await node.anonymous.send("POST", "/api/auth/picture", body: wrong)
            #expect(response.status == 401 && response.errorMessage?.contains("\(5 - attempt) tries left") == true, "\(response.text)")
        }
        let fifth = try await b.anonymous.send("POST", "/api/auth/picture", body: wrong)
        #expect(fifth.status == 429 && fifth.errorCode == "rate_limited", "\(fifth.text)")
        // Locked on both: even the right code is refused.
        for node in [a, b] {
            let right = try await node.anonymous.send("POST", "/api/auth/picture", body: .json(["personId": learner, "code": [3, 7, 11]]))
            #expect(right.status == 429, "\(right.text)")
        }
    }

    @Test("the same Idempotency-Key sent to A and B at once stores one recording, and both get its answer")
    func idempotentUploadAcrossNodes() async throws {
        let network = try await NodeNetwork.make()
        defer { network.tearDown() }
        let a = try await network.node(), b = try await network.node()
        defer { a.stop(); a.removeMediaRoot(); b.stop(); b.removeMediaRoot() }
        let wav = TestWAV.make(Signals.sweep(from: 300, to: 3_000, sampleRate: 48_000, seconds: 4), sampleRate: 48_000)
        let clients = [network.admin(a), network.admin(b), network.admin(a), network.admin(b)]
        let answers = try await withThrowingTaskGroup(of: HTTPTestClient.Response.self) { group in
            for client in clients {
                group.addTask {
                    try await client.send("POST", "/api/recordings?title=Kiosk", headers: [("Content-Type", "audio/wav"), ("Idempotency-Key", "kiosk-42")],
                                          body: .bytes(wav))
                }
            }
            return try await group.reduce(into: [HTTPTestClient.Response]()) { $0.append($1) }
        }
        #expect(answers.map(\.status) == [201, 201, 201, 201], "\(answers.map(\.text))")
        let ids = Set(try answers.map { try $0.json()["id"] as? String })
        #expect(ids.count == 1)
        let listed = try await network.admin(b).get("/api/recordings").json()["recordings"] as? [[String: Any]]
        #expect(listed?.compactMap { $0["id"] as? String } == ids.compactMap { $0 })
        #expect(try network.bucketClient().list(prefix: "recordings/").count == 1)
        #expect(try network.cluster.psql("SELECT COUNT(*) FROM uploadClaim", database: network.database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
