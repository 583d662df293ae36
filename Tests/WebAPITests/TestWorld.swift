import Foundation
import Testing
import TestSupport

/// A populated server for access tests: two groups in one network, their learners and trainers,
/// a mentor, an admin and a kiosk, each with a client signed in their own way.
struct TestWorld {
    enum Role: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case anonymous, owner, peer, outsider, mentor, trainerOfGroup, trainerOfOtherGroup, admin, kiosk
        var testDescription: String { rawValue }
    }

    let server: ServerProcess
    let admin: HTTPTestClient
    var clients: [Role: HTTPTestClient] = [:]
    var ids: [String: String] = [:]
    /// The owner's picture code.
    static let code = [3, 7, 11]

    /// Builds the world through the API, as an admin and trainers would.
    static func make(arguments: [String] = [], mediaRoot: URL? = nil) async throws -> TestWorld {
        let server = try await ServerProcess.start(mediaRoot: mediaRoot, arguments: arguments)
        var world = TestWorld(server: server, admin: server.client)
        let admin = world.admin
        world.ids["admin"] = try await admin.get("/api/auth/me").json()["person"].flatMap { ($0 as? [String: Any])?["id"] as? String }
        world.ids["g1"] = try await world.create("/api/groups", ["name": "Class A", "picture": "sun", "openSignIn": false])
        world.ids["g2"] = try await world.create("/api/groups", ["name": "Class B", "picture": "moon"])
        let network = try await world.create("/api/networks", ["name": "Lyon centres"])
        for group in ["g1", "g2"] { try await world.expect(204, "POST", "/api/networks/\(network)/groups", ["groupId": world.ids[group]!]) }
        for (key, role, group) in [("owner", "learner", "g1"), ("peer", "learner", "g1"), ("outsider", "learner", "g2"),
                                   ("mentor", "learner", nil), ("trainerOfGroup", "trainer", "g1"), ("trainerOfOtherGroup", "trainer", "g2")] {
            var body: [String: Any] = ["name": key.lowercased(), "displayName": key, "role": role]
            if role == "trainer" { body["password"] = "password-\(key)" }
            world.ids[key] = try await world.create("/api/people", body)
            if let group { try await world.expect(204, "POST", "/api/groups/\(world.ids[group]!)/members", ["personId": world.ids[key]!]) }
        }
        _ = try await world.create("/api/mentoring-pairs", ["mentorId": world.ids["mentor"]!, "newcomerId": world.ids["owner"]!,
                                                            "startsAt": "2020-01-01T00:00:00Z"])
        for learner in ["owner", "peer", "outsider", "mentor"] {
            try await world.expect(204, "PUT", "/api/people/\(world.ids[learner]!)/picture-code", ["code": code])
        }
        world.clients[.anonymous] = server.anonymous
        world.clients[.admin] = admin
        for learner: Role in [.owner, .peer, .outsider, .mentor] {
            world.clients[learner] = try await world.pictureSession(learner.rawValue)
        }
        for trainer: Role in [.trainerOfGroup, .trainerOfOtherGroup] {
            world.clients[trainer] = try await world.passwordSession(trainer.rawValue.lowercased(), password: "password-\(trainer.rawValue)")
        }
        // A kiosk enrolled by the group's trainer, with nobody signed in on it.
        let enrolled = try await world.clients[.trainerOfGroup]!.send("POST", "/api/kiosks",
                                                                       body: .json(["name": "Hall kiosk", "groupIds": [world.ids["g1"]!]]))
        #expect(enrolled.status == 201, "\(enrolled.text)")
        world.ids["kioskCookie"] = enrolled.cookies["parlons_kiosk"]
        world.clients[.kiosk] = server.anonymous.adding([("Cookie", "parlons_kiosk=\(world.ids["kioskCookie"]!)")])
        return world
    }

    /// A learner signed in with the picture code (a session cookie, changes sent with the CSRF token).
    func pictureSession(_ key: String, via client: HTTPTestClient? = nil, code: [Int] = TestWorld.code) async throws -> HTTPTestClient {
        let client = client ?? server.anonymous
        let response = try await client.send("POST", "/api/auth/picture", body: .json(["personId": ids[key]!, "code": code]))
        try #require(response.status == 200, "\(key): \(response.text)")
        return try Self.session(from: response, base: client)
    }

    func passwordSession(_ name: String, password: String) async throws -> HTTPTestClient {
        let response = try await server.anonymous.send("POST", "/api/auth/password", body: .json(["name": name, "password": password]))
        try #require(response.status == 200, "\(name): \(response.text)")
        return try Self.session(from: response, base: server.anonymous)
    }

    static func session(from response: HTTPTestClient.Response, base: HTTPTestClient) throws -> HTTPTestClient {
        let cookie = try #require(response.cookies["parlons_session"])
        let csrf = try #require(try response.json()["csrfToken"] as? String)
        let existing = base.headers.first { $0.0 == "Cookie" }?.1
        let others = base.headers.filter { $0.0 != "Cookie" }
        let cookies = [existing, "parlons_session=\(cookie)"].compactMap { $0 }.joined(separator: "; ")
        return HTTPTestClient(port: base.port, headers: others + [("Cookie", cookies), ("X-CSRF-Token", csrf)], sourceAddress: base.sourceAddress)
    }

    /// POSTs JSON as the admin and returns the new id.
    func create(_ path: String, _ body: [String: Any], as client: HTTPTestClient? = nil) async throws -> String {
        let response = try await (client ?? admin).send("POST", path, body: .json(body))
        try #require(response.status == 201, "\(path): \(response.text)")
        return try #require(try response.json()["id"] as? String)
    }

    func expect(_ status: Int, _ method: String, _ path: String, _ body: [String: Any]? = nil, as client: HTTPTestClient? = nil) async throws {
        let response = try await (client ?? admin).send(method, path, body: body.map { .json($0) } ?? .none)
        #expect(response.status == status, "\(method) \(path): \(response.text)")
    }

    /// A recording of the owner's, at the given visibility (consented by the owner).
    func ownerRecording(_ visibility: String) async throws -> String {
        let owner = clients[.owner]!
        let wav = TestWAV.make(Signals.sine(frequency: 440, sampleRate: 16_000, seconds: 0.2), sampleRate: 16_000)
        let created = try await owner.send("POST", "/api/recordings?title=\(visibility)", body: .bytes(wav))
        try #require(created.status == 201, "\(created.text)")
        let id = try #require(try created.json()["id"] as? String)
        if visibility == "private" {
            try await expect(200, "PATCH", "/api/recordings/\(id)", ["sharedWithMentor": true], as: owner)
        } else {
            try await expect(201, "POST", "/api/recordings/\(id)/consent", ["visibility": visibility, "method": "tap"], as: owner)
        }
        return id
    }

    func stop() {
        server.stop()
        server.removeMediaRoot()
    }
}

extension HTTPTestClient.Body {
    /// A JSON body.
    static func json(_ object: [String: Any]) -> HTTPTestClient.Body {
        .bytes([UInt8]((try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }
}
