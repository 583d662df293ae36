import Foundation
import Testing
import TestSupport

/// Signing in and out, lockouts, kiosks, tokens, CSRF, the first-run link, consent and withdrawal.
@Suite("Sign-in, sessions and consent")
struct SignInTests {
    @Test("password sign-in, session cookie, CSRF checks, sign-out")
    func passwordAndCSRF() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let wrong = try await world.server.anonymous.send("POST", "/api/auth/password",
                                                          body: .json(["name": "trainerofgroup", "password": "not the password"]))
        #expect(wrong.status == 401 && wrong.errorCode == "wrong_credentials")
        let unknown = try await world.server.anonymous.send("POST", "/api/auth/password", body: .json(["name": "nobody", "password": "whatever1"]))
        #expect(unknown.status == 401 && unknown.errorCode == "wrong_credentials")

        let signIn = try await world.server.anonymous.send("POST", "/api/auth/password",
                                                           body: .json(["name": "trainerofgroup", "password": "password-trainerOfGroup"]))
        #expect(signIn.status == 200)
        let setCookie = try #require(signIn.headerValues("Set-Cookie").first { $0.hasPrefix("parlons_session=") })
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && !setCookie.contains("Secure"))
        let cookie = ("Cookie", "parlons_session=\(signIn.cookies["parlons_session"]!)")
        let csrf = try #require(try signIn.json()["csrfToken"] as? String)
        let browser = world.server.anonymous.adding([cookie])
        #expect(try await browser.get("/api/auth/me").json()["person"].flatMap { ($0 as? [String: Any])?["role"] as? String } == "trainer")

        let change = HTTPTestClient.Body.json(["name": "G"])
        // A cookie alone does not authorise a change: a forged cross-site form would have it too.
        let bare = try await browser.send("POST", "/api/groups", body: change)
        #expect(bare.status == 403 && bare.errorCode == "csrf_rejected")
        let foreign = try await browser.send("POST", "/api/groups", headers: [("Origin", "http://evil.example")], body: change)
        #expect(foreign.status == 403 && foreign.errorCode == "csrf_rejected")
        let wrongToken = try await browser.send("POST", "/api/groups", headers: [("X-CSRF-Token", "guess")], body: change)
        #expect(wrongToken.status == 403)
        let sameOrigin = try await browser.send("POST", "/api/groups", headers: [("Origin", "http://127.0.0.1:\(world.server.port)")], body: change)
        #expect(sameOrigin.status == 201)
        let withToken = try await browser.send("POST", "/api/groups", headers: [("X-CSRF-Token", csrf)], body: change)
        #expect(withToken.status == 201)
        // Bearer tokens are not cookies: scripts need no CSRF token.
        #expect(try await world.admin.send("POST", "/api/groups", body: change).status == 201)

        #expect(try await browser.send("POST", "/api/auth/signout", headers: [("X-CSRF-Token", csrf)]).status == 204)
        #expect(try await browser.get("/api/auth/me").status == 401)
    }

    @Test("picture codes: wrong codes lock the learner, a trainer unlocks, every attempt is logged")
    func pictureLockout() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let anonymous = world.server.anonymous
        let peer = world.ids["peer"]!
        let groups = try await anonymous.get("/api/signin/groups").json(array: true)
        #expect(groups.isEmpty, "no group is open for sign-in on an ordinary browser")
        #expect(try await anonymous.get("/api/signin/pictures").json()["pictures"].flatMap { ($0 as? [String])?.count } == 12)
        for attempt in 1...4 {
            let response = try await anonymous.send("POST", "/api/auth/picture", body: .json(["personId": peer, "code": [1, 2, 3]]))
            #expect(response.status == 401 && response.errorCode == "wrong_code", "\(attempt)")
            #expect(response.errorMessage?.contains("\(5 - attempt) tries left") == true)
        }
        let fifth = try await anonymous.send("POST", "/api/auth/picture", body: .json(["personId": peer, "code": [1, 2, 3]]))
        #expect(fifth.status == 429 && fifth.errorCode == "rate_limited")
        #expect(Int(fifth.header("Retry-After") ?? "") ?? 0 > 3_000)
        // Locked: even the right code is refused until a trainer lifts the lock.
        let locked = try await anonymous.send("POST", "/api/auth/picture", body: .json(["personId": peer, "code": TestWorld.code]))
        #expect(locked.status == 429)
        let person = try await world.clients[.trainerOfGroup]!.get("/api/people/\(peer)").json()
        #expect(person["locked"] as? Bool == true)
        #expect(try await world.clients[.trainerOfOtherGroup]!.send("POST", "/api/people/\(peer)/unlock").status == 404)
        let unlocked = try await world.clients[.trainerOfGroup]!.send("POST", "/api/people/\(peer)/unlock")
        #expect(try unlocked.status == 200 && unlocked.json()["locked"] as? Bool == false)
        _ = try await world.pictureSession("peer")

        let attempts = try await world.clients[.trainerOfGroup]!.get("/api/people/\(peer)/sign-in-attempts").json(array: true)
        let pictureAttempts = attempts.filter { $0["method"] as? String == "picture" }
        // 4 wrong + the locking one + the refused right one during the lock + the final success, and the world's first sign-in.
        #expect(pictureAttempts.count == 8, "\(pictureAttempts)")
        #expect(pictureAttempts.filter { $0["succeeded"] as? Bool == true }.count == 2)
        #expect(!attempts.description.contains("3-7-11") && !attempts.description.contains("[3, 7, 11]"))
    }

    @Test("an address that fails too often is refused for a while")
    func addressRateLimit() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        for _ in 0..<20 {
            let response = try await server.anonymous.send("POST", "/api/auth/password", body: .json(["name": "tester", "password": "wrong-password"]))
            #expect(response.status == 401)
        }
        let refused = try await server.anonymous.send("POST", "/api/auth/password", body: .json(["name": "tester", "password": "wrong-password"]))
        #expect(refused.status == 429 && refused.errorCode == "rate_limited")
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 > 0)
    }

    @Test("kiosks: only their groups' learners, sessions that end when idle, revocation")
    func kiosk() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!
        let enrolled = try await trainer.send("POST", "/api/kiosks", body: .json(["name": "Library", "groupIds": [world.ids["g1"]!], "idleSeconds": 20]))
        #expect(enrolled.status == 201)
        let kioskCookie = try #require(enrolled.cookies["parlons_kiosk"])
        #expect(enrolled.headerValues("Set-Cookie").first { $0.hasPrefix("parlons_kiosk=") }?.contains("HttpOnly") == true)
        let kiosk = world.server.anonymous.adding([("Cookie", "parlons_kiosk=\(kioskCookie)")])
        // Trainers see the kiosks of their own groups only; admins see all.
        for (caller, sees) in [(TestWorld.Role.trainerOfGroup, true), (.trainerOfOtherGroup, false), (.admin, true)] {
            let names = try await world.clients[caller]!.get("/api/kiosks").json(array: true).compactMap { $0["name"] as? String }
            #expect(names.contains("Library") == sees, "\(caller) sees \(names)")
        }
        #expect(try await kiosk.get("/api/kiosk").json()["name"] as? String == "Library")
        let groups = try await kiosk.get("/api/signin/groups").json(array: true)
        #expect(groups.compactMap { $0["id"] as? String } == [world.ids["g1"]!])
        let learners = try await kiosk.get("/api/signin/groups/\(world.ids["g1"]!)/learners").json(array: true)
        #expect(Set(learners.compactMap { $0["displayName"] as? String }) == ["owner", "peer"])
        #expect(try await kiosk.get("/api/signin/groups/\(world.ids["g2"]!)/learners").status == 404)
        // A learner of another group cannot sign in here.
        let outsider = try await kiosk.send("POST", "/api/auth/picture", body: .json(["personId": world.ids["outsider"]!, "code": TestWorld.code]))
        #expect(outsider.status == 403 && outsider.errorCode == "not_on_this_kiosk")

        // 20 s of idleness (not 8): on a loaded machine a request alone can take seconds. A sleep
        // may also last far longer than asked when other tests hold the few threads this one
        // resumes on, so each answer is checked against the idle time that really passed between
        // two requests (the server's may differ from the client's by a request's latency).
        let session = try await world.pictureSession("peer", via: kiosk)
        var answered = ContinuousClock.now
        #expect(try await session.get("/api/auth/me").status == 200)
        func afterIdle(_ seconds: Int) async throws -> (status: Int, idle: Duration) {
            try await Task.sleep(for: .seconds(seconds))
            let idle = ContinuousClock.now - answered
            let status = try await session.get("/api/auth/me").status
            answered = ContinuousClock.now
            return (status, idle)
        }
        for seconds in [3, 3] {
            let (status, idle) = try await afterIdle(seconds)
            if idle < .seconds(17) {
                #expect(status == 200, "idle for \(idle), within 20 s: activity keeps the session alive")
            } else if idle > .seconds(23) {
                #expect(status == 401, "idle for \(idle) (the test was held up): the session has ended")
            }
        }
        let (status, idle) = try await afterIdle(22)
        #expect(idle >= .seconds(22))
        #expect(status == 401, "idle for \(idle): the kiosk session has ended")

        // The kiosk session only works on its kiosk.
        let again = try await world.pictureSession("peer", via: kiosk)
        let stolen = world.server.anonymous.adding(again.headers.filter { $0.0 != "Cookie" } + [("Cookie", again.headers.first { $0.0 == "Cookie" }!.1
            .split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("parlons_session") }.joined())])
        #expect(try await stolen.get("/api/auth/me").status == 401)
        let kioskId = try #require(try enrolled.json()["kiosk"].flatMap { ($0 as? [String: Any])?["id"] as? String })
        #expect(try await trainer.send("DELETE", "/api/kiosks/\(kioskId)").status == 204)
        #expect(try await kiosk.get("/api/kiosk").status == 404)
        #expect(try await again.get("/api/auth/me").status == 401)
    }

    @Test("tokens are shown once, stored hashed, and stop working when revoked")
    func tokens() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let created = try await world.clients[.trainerOfGroup]!.send("POST", "/api/tokens", body: .json(["name": "nightly export"]))
        #expect(created.status == 201)
        let secret = try #require(try created.json()["secret"] as? String)
        let id = try #require(try created.json()["token"].flatMap { ($0 as? [String: Any])?["id"] as? String })
        let script = world.server.client(token: secret)
        #expect(try await script.get("/api/auth/me").status == 200)
        let listed = try await world.clients[.trainerOfGroup]!.get("/api/tokens")
        #expect(!listed.text.contains(secret) && listed.text.contains("nightly export"))
        // Its use is noted (off the request's path, so it may take a moment to show).
        var lastUsed: String?
        for _ in 0..<50 where lastUsed == nil {
            let tokens = try await world.clients[.trainerOfGroup]!.get("/api/tokens")
            lastUsed = try tokens.json(array: true).first { $0["id"] as? String == id }?["lastUsedAt"] as? String
            if lastUsed == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(lastUsed != nil, "the token's use was never noted")
        // The database holds only the hash.
        let database = try Data(contentsOf: world.server.mediaRoot.appendingPathComponent("parlons.sqlite"))
        #expect(database.range(of: Data(secret.utf8)) == nil)
        #expect(try await world.clients[.trainerOfOtherGroup]!.send("DELETE", "/api/tokens/\(id)").status == 404)
        #expect(try await world.clients[.trainerOfGroup]!.send("DELETE", "/api/tokens/\(id)").status == 204)
        let revoked = try await script.get("/api/auth/me")
        #expect(revoked.status == 401 && revoked.errorCode == "invalid_token")
    }

    @Test("a fresh install prints a one-time link that signs the first admin in once")
    func firstRun() async throws {
        let server = try await ServerProcess.start(bootstrapAdmin: false)
        defer { server.stop(); server.removeMediaRoot() }
        let link = try #require(server.firstRunLink)
        let used = try await server.anonymous.get(link)
        #expect(used.status == 303 && used.header("Location") == "/trainer")
        let cookie = try #require(used.cookies["parlons_session"])
        let me = try await server.anonymous.get("/api/auth/me", headers: [("Cookie", "parlons_session=\(cookie)")]).json()
        #expect((me["person"] as? [String: Any])?["role"] as? String == "admin")
        #expect(try await server.anonymous.get(link).status == 401)
        await server.stop()
        // A restart does not make another admin or another link.
        let again = try await ServerProcess.start(mediaRoot: server.mediaRoot, bootstrapAdmin: false)
        defer { again.stop() }
        #expect(again.firstRunLink == nil)
    }

    @Test("consent: trainers cannot widen without it, anyone narrows, spoken consent keeps its link; withdrawal deletes the bytes")
    func consentAndWithdrawal() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!, trainer = world.clients[.trainerOfGroup]!, peer = world.clients[.peer]!
        let wav = TestWAV.make(Signals.sweep(from: 200, to: 2_000, sampleRate: 16_000, seconds: 0.5), sampleRate: 16_000)
        let id = try #require(try await owner.send("POST", "/api/recordings?title=story", body: .bytes(wav)).json()["id"] as? String)
        let widen = try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["visibility": "group"]))
        #expect(widen.status == 409 && widen.errorCode == "consent_required")
        #expect(try await peer.get("/api/recordings/\(id)").status == 404)

        // A short spoken consent, itself a recording of the owner's voice.
        let spoken = try #require(try await owner.send("POST", "/api/recordings?title=consent", body: .bytes(wav)).json()["id"] as? String)
        let consent = try await owner.send("POST", "/api/recordings/\(id)/consent",
                                           body: .json(["visibility": "group", "method": "spoken", "consentRecordingId": spoken]))
        #expect(consent.status == 201, "\(consent.text)")
        #expect(try await peer.get("/api/recordings/\(id)").status == 200)
        let consents = try await trainer.get("/api/recordings/\(id)/consents").json(array: true)
        #expect(consents.count == 1 && consents[0]["method"] as? String == "spoken" && consents[0]["consentRecordingId"] as? String == spoken)
        #expect(consents[0]["personId"] as? String == world.ids["owner"])

        #expect(try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["visibility": "private"])).status == 200)
        #expect(try await peer.get("/api/recordings/\(id)").status == 404)
        #expect(try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["visibility": "group"])).status == 200)
        #expect(try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["visibility": "public"])).status == 409)
        let badSpoken = try await owner.send("POST", "/api/recordings/\(id)/consent",
                                             body: .json(["visibility": "public", "method": "spoken", "consentRecordingId": id + "x"]))
        #expect(badSpoken.status == 422)

        // The trainer withdraws it on the owner's behalf: the bytes are gone from disk.
        let sha = try #require(try await owner.get("/api/recordings/\(id)").json()["sha256"] as? String)
        let file = world.server.mediaRoot.appendingPathComponent("recordings/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).opus")
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(try await trainer.send("POST", "/api/recordings/\(id)/withdraw").status == 204)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try await owner.get("/api/recordings/\(id)").status == 410)
        #expect(try await peer.get("/api/recordings/\(id)").status == 404)
        #expect(try await owner.get("/media/\(id).opus").status == 404)
    }

    @Test("passwords and picture codes never reach the logs")
    func nothingSecretInLogs() async throws {
        let world = try await TestWorld.make(arguments: ["--log-level", "trace"])
        defer { world.stop() }
        _ = try await world.server.anonymous.send("POST", "/api/auth/password", body: .json(["name": "trainerofgroup", "password": "Sup3r-secret-pw"]))
        _ = try await world.pictureSession("peer")
        let link = try await world.server.anonymous.get("/api/auth/link?token=pll_secretlinktoken")
        #expect(link.status == 401)
        try await Task.sleep(for: .milliseconds(300))
        let log = world.server.log
        #expect(log.contains("/api/auth/password"), "the trace log records requests")
        for secret in ["Sup3r-secret-pw", "password-trainerOfGroup", "3-7-11", "pll_secretlinktoken", world.server.adminToken!] {
            #expect(!log.contains(secret), "\(secret) appears in the log")
        }
    }
}
