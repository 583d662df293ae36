import Foundation
import Testing
import TestSupport

/// Every recording endpoint × every kind of caller × every visibility, asserting the exact status
/// of each cell; then the people, group and administration endpoints × every caller.
@Suite("Access matrix", .serialized)
struct AccessMatrixTests {
    typealias Role = TestWorld.Role
    static let visibilities = ["private", "group", "network", "public"]

    /// Expected statuses per role, in the order private, group, network, public. The private
    /// recording is shared with the owner's mentor; groups 1 and 2 are in one network.
    static let hear: [Role: [Int]] = [
        .anonymous: [404, 404, 404, 200], .owner: [200, 200, 200, 200], .peer: [404, 200, 200, 200],
        .outsider: [404, 404, 200, 200], .mentor: [200, 404, 404, 200], .trainerOfGroup: [200, 200, 200, 200],
        .trainerOfOtherGroup: [404, 404, 200, 200], .admin: [200, 200, 200, 200], .kiosk: [404, 404, 404, 200],
    ]
    /// Renaming, reading consents: owner, their trainer, admin; 403 when one may only hear it.
    static let manage: [Role: [Int]] = [
        .anonymous: [401, 401, 401, 401], .owner: [200, 200, 200, 200], .peer: [404, 403, 403, 403],
        .outsider: [404, 404, 403, 403], .mentor: [403, 404, 404, 403], .trainerOfGroup: [200, 200, 200, 200],
        .trainerOfOtherGroup: [404, 404, 403, 403], .admin: [200, 200, 200, 200], .kiosk: [401, 401, 401, 401],
    ]
    /// Consent: the owner alone.
    static let consent: [Role: [Int]] = [
        .anonymous: [401, 401, 401, 401], .owner: [201, 201, 201, 201], .peer: [404, 403, 403, 403],
        .outsider: [404, 404, 403, 403], .mentor: [403, 404, 404, 403], .trainerOfGroup: [403, 403, 403, 403],
        .trainerOfOtherGroup: [404, 404, 403, 403], .admin: [403, 403, 403, 403], .kiosk: [401, 401, 401, 401],
    ]
    /// Withdrawal: like managing, 204 on success.
    static let withdraw: [Role: [Int]] = manage.mapValues { $0.map { $0 == 200 ? 204 : $0 } }

    @Test("recordings: read, media, list, rename, consents, consent, withdraw")
    func recordingMatrix() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        var shared: [String: String] = [:]
        for visibility in Self.visibilities { shared[visibility] = try await world.ownerRecording(visibility) }
        var failures: [String] = []
        func check(_ role: Role, _ what: String, _ visibility: String, _ got: Int, _ expected: Int) {
            if got != expected { failures.append("\(role.rawValue) \(what) \(visibility): got \(got), expected \(expected)") }
        }
        for role in Role.allCases {
            let client = world.clients[role]!
            let listed = Set(((try await client.get("/api/recordings?limit=200").json()["recordings"] as? [[String: Any]]) ?? [])
                .compactMap { $0["id"] as? String })
            for (index, visibility) in Self.visibilities.enumerated() {
                let id = shared[visibility]!
                check(role, "GET recording", visibility, try await client.get("/api/recordings/\(id)").status, Self.hear[role]![index])
                check(role, "GET .opus", visibility, try await client.get("/media/\(id).opus").status, Self.hear[role]![index])
                check(role, "GET .wav", visibility, try await client.get("/media/\(id).wav").status, Self.hear[role]![index])
                check(role, "listed", visibility, listed.contains(id) ? 200 : 404, Self.hear[role]![index])
                check(role, "PATCH title", visibility,
                      try await client.send("PATCH", "/api/recordings/\(id)", body: .json(["title": "renamed by \(role.rawValue)"])).status,
                      Self.manage[role]![index])
                check(role, "GET consents", visibility, try await client.get("/api/recordings/\(id)/consents").status, Self.manage[role]![index])
                // Consent and withdrawal change the recording: each cell gets its own.
                let fresh = try await world.ownerRecording(visibility)
                check(role, "POST consent", visibility,
                      try await client.send("POST", "/api/recordings/\(fresh)/consent", body: .json(["visibility": "public", "method": "tap"])).status,
                      Self.consent[role]![index])
                let doomed = try await world.ownerRecording(visibility)
                check(role, "DELETE", visibility, try await client.send("DELETE", "/api/recordings/\(doomed)").status, Self.withdraw[role]![index])
            }
        }
        #expect(failures.isEmpty, "\(failures.count) cells differ:\n\(failures.joined(separator: "\n"))")
    }

    @Test("people, groups, networks, tokens, kiosks, pairs and uploads × every caller")
    func administrationMatrix() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.ids["owner"]!, g1 = world.ids["g1"]!
        let wav = TestWAV.make(Signals.sine(frequency: 300, sampleRate: 8_000, seconds: 0.1), sampleRate: 8_000)
        // (label, method, path, body, expected per role in Role.allCases order)
        typealias Row = (String, String, String, HTTPTestClient.Body, [Int])
        // anonymous, owner, peer, outsider, mentor, trainerOfGroup, trainerOfOtherGroup, admin, kiosk
        let rows: [Row] = [
            ("read the owner", "GET", "/api/people/\(owner)", .none, [401, 200, 404, 404, 404, 200, 404, 200, 401]),
            ("list people", "GET", "/api/people", .none, [401, 200, 200, 200, 200, 200, 200, 200, 401]),
            ("rename the owner", "PATCH", "/api/people/\(owner)", .json(["displayName": "Amina"]), [401, 200, 404, 404, 404, 200, 404, 200, 401]),
            ("set the owner's code", "PUT", "/api/people/\(owner)/picture-code", .json(["code": TestWorld.code]),
             [401, 403, 404, 404, 404, 204, 404, 204, 401]),
            ("unlock the owner", "POST", "/api/people/\(owner)/unlock", .none, [401, 403, 404, 404, 404, 200, 404, 200, 401]),
            ("read sign-in attempts", "GET", "/api/people/\(owner)/sign-in-attempts", .none, [401, 200, 404, 404, 404, 200, 404, 200, 401]),
            ("create a learner in group 1", "POST", "/api/people", .json(["name": "new-{role}", "role": "learner", "groupIds": [g1]]),
             [401, 403, 403, 403, 403, 201, 403, 201, 401]),
            ("create a trainer", "POST", "/api/people", .json(["name": "t-{role}", "role": "trainer"]), [401, 403, 403, 403, 403, 403, 403, 201, 401]),
            ("read group 1", "GET", "/api/groups/\(g1)", .none, [401, 200, 200, 404, 404, 200, 404, 200, 401]),
            ("list group 1 members", "GET", "/api/groups/\(g1)/members", .none, [401, 200, 200, 404, 404, 200, 404, 200, 401]),
            ("rename group 1", "PATCH", "/api/groups/\(g1)", .json(["name": "Class A"]), [401, 403, 403, 404, 404, 200, 404, 200, 401]),
            ("create a group", "POST", "/api/groups", .json(["name": "G {role}"]), [401, 403, 403, 403, 403, 201, 201, 201, 401]),
            ("list networks", "GET", "/api/networks", .none, [401, 403, 403, 403, 403, 200, 200, 200, 401]),
            ("create a network", "POST", "/api/networks", .json(["name": "N {role}"]), [401, 403, 403, 403, 403, 403, 403, 201, 401]),
            ("create a token", "POST", "/api/tokens", .json(["name": "script"]), [401, 403, 403, 403, 403, 201, 201, 201, 401]),
            ("enrol a kiosk for group 1", "POST", "/api/kiosks", .json(["name": "K", "groupIds": [g1]]), [401, 403, 403, 403, 403, 201, 403, 201, 401]),
            ("pair a mentor with the owner", "POST", "/api/mentoring-pairs",
             .json(["mentorId": world.ids["peer"]!, "newcomerId": owner]), [401, 403, 403, 403, 403, 201, 403, 201, 401]),
            ("upload a recording", "POST", "/api/recordings", .bytes(wav), [401, 201, 201, 201, 201, 201, 201, 201, 401]),
            ("who am I", "GET", "/api/auth/me", .none, [401, 200, 200, 200, 200, 200, 200, 200, 401]),
            ("read group 1's pairing", "GET", "/api/groups/\(g1)/sync", .none, [401, 403, 403, 404, 404, 200, 404, 200, 401]),
            ("join another server's pairing (a wrong code)", "POST", "/api/sync-pairings", .json(["groupId": g1, "code": "ABCD"]),
             [401, 403, 403, 403, 403, 403, 403, 422, 401]),
        ]
        var failures: [String] = []
        // Endpoints that delete or consume their target get a fresh one per cell.
        typealias FreshRow = (String, String, (Role) async throws -> String, HTTPTestClient.Body, [Int])
        let freshRows: [FreshRow] = [
            ("delete a learner of group 1", "DELETE", { role in
                "/api/people/" + (try await world.create("/api/people", ["name": "d-\(role.rawValue.lowercased())", "role": "learner", "groupIds": [g1]]))
            }, .none, [401, 404, 404, 404, 404, 204, 404, 204, 401]),
            ("pair a new group of trainer 1 with another server", "POST", { _ in
                "/api/groups/" + (try await world.create("/api/groups", ["name": "camp"], as: world.clients[.trainerOfGroup]!)) + "/sync"
            }, .none, [401, 404, 404, 404, 404, 201, 404, 201, 401]),
            ("delete a group of trainer 1", "DELETE", { _ in
                "/api/groups/" + (try await world.create("/api/groups", ["name": "temp"], as: world.clients[.trainerOfGroup]!))
            }, .none, [401, 404, 404, 404, 404, 204, 404, 204, 401]),
            // A learner the admin made, in no group: not the trainer's to take (only learners they
            // already train, or create, join their groups); the admin places them.
            ("add someone else's learner to group 1", "POST", { role in
                let id = try await world.create("/api/people", ["name": "m-\(role.rawValue.lowercased())", "role": "learner"])
                return "/api/groups/\(g1)/members#\(id)"
            }, .none, [401, 403, 403, 404, 404, 403, 404, 204, 401]),
            ("add a learner of group 1 to another group of its trainer", "POST", { role in
                let id = try await world.create("/api/people", ["name": "n-\(role.rawValue.lowercased())", "role": "learner", "groupIds": [g1]])
                let other = try await world.create("/api/groups", ["name": "n-\(role.rawValue.lowercased())"], as: world.clients[.trainerOfGroup]!)
                return "/api/groups/\(other)/members#\(id)"
            }, .none, [401, 404, 404, 404, 404, 204, 404, 204, 401]),
            ("remove the peer from group 1", "DELETE", { _ in
                try await world.expect(204, "POST", "/api/groups/\(g1)/members", ["personId": world.ids["peer"]!])
                return "/api/groups/\(g1)/members/\(world.ids["peer"]!)"
            }, .none, [401, 403, 204, 404, 404, 204, 404, 204, 401]),
            ("end a mentoring pair", "PATCH", { _ in
                "/api/mentoring-pairs/" + (try await world.create("/api/mentoring-pairs", ["mentorId": world.ids["mentor"]!, "newcomerId": owner]))
            }, .json(["endsAt": "2030-01-01T00:00:00Z"]), [401, 403, 404, 404, 403, 200, 404, 200, 401]),
            ("delete a mentoring pair", "DELETE", { _ in
                "/api/mentoring-pairs/" + (try await world.create("/api/mentoring-pairs", ["mentorId": world.ids["mentor"]!, "newcomerId": owner]))
            }, .none, [401, 403, 404, 404, 403, 204, 404, 204, 401]),
            ("revoke trainer 1's token", "DELETE", { _ in
                let response = try await world.clients[.trainerOfGroup]!.send("POST", "/api/tokens", body: .json(["name": "t"]))
                return "/api/tokens/" + (try #require(try response.json()["token"].flatMap { ($0 as? [String: Any])?["id"] as? String }))
            }, .none, [401, 403, 403, 403, 403, 204, 404, 204, 401]),
            ("revoke a kiosk of group 1", "DELETE", { _ in
                let response = try await world.clients[.trainerOfGroup]!.send("POST", "/api/kiosks", body: .json(["name": "k", "groupIds": [g1]]))
                return "/api/kiosks/" + (try #require(try response.json()["kiosk"].flatMap { ($0 as? [String: Any])?["id"] as? String }))
            }, .none, [401, 403, 403, 403, 403, 204, 403, 204, 401]),
            ("set the owner's password", "PUT", { _ in "/api/people/\(owner)/password" },
             .json(["password": "a new password"]), [401, 204, 404, 404, 404, 403, 404, 204, 401]),
            ("join group 2 to a new network", "POST", { _ in
                "/api/networks/" + (try await world.create("/api/networks", ["name": "n"])) + "/groups#g2"
            }, .none, [401, 403, 403, 403, 403, 403, 403, 204, 401]),
        ]
        for (label, method, makePath, body, expected) in freshRows {
            for (index, role) in Role.allCases.enumerated() {
                var path = try await makePath(role)
                var cellBody = body
                // `path#value` carries a body value for endpoints that add something to a collection.
                if let hash = path.firstIndex(of: "#") {
                    let value = String(path[path.index(after: hash)...])
                    path = String(path[..<hash])
                    cellBody = value == "g2" ? .json(["groupId": world.ids["g2"]!]) : .json(["personId": value])
                }
                let response = try await world.clients[role]!.send(method, path, body: cellBody)
                if response.status != expected[index] {
                    failures.append("\(role.rawValue) \(label): got \(response.status), expected \(expected[index]) \(response.text.prefix(120))")
                }
            }
        }
        let readRows: [Row] = [
            ("list groups", "GET", "/api/groups", .none, [401, 200, 200, 200, 200, 200, 200, 200, 401]),
            ("list pairs", "GET", "/api/mentoring-pairs", .none, [401, 200, 200, 200, 200, 200, 200, 200, 401]),
            ("list tokens", "GET", "/api/tokens", .none, [401, 403, 403, 403, 403, 200, 200, 200, 401]),
            ("list kiosks", "GET", "/api/kiosks", .none, [401, 403, 403, 403, 403, 200, 200, 200, 401]),
            ("this device's kiosk", "GET", "/api/kiosk", .none, [404, 404, 404, 404, 404, 404, 404, 404, 200]),
            ("sign-in groups", "GET", "/api/signin/groups", .none, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("sign-in learners of group 1", "GET", "/api/signin/groups/\(g1)/learners", .none, [404, 404, 404, 404, 404, 404, 404, 404, 200]),
            ("health", "GET", "/healthz", .none, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        ]
        for (label, method, path, body, expected) in rows + readRows {
            for (index, role) in Role.allCases.enumerated() {
                var cellBody = body
                if case .bytes(let bytes) = body, let text = String(bytes: bytes, encoding: .utf8), text.contains("{role}") {
                    cellBody = .bytes(Array(text.replacingOccurrences(of: "{role}", with: role.rawValue.lowercased()).utf8))
                }
                let response = try await world.clients[role]!.send(method, path, body: cellBody)
                if response.status != expected[index] {
                    failures.append("\(role.rawValue) \(label): got \(response.status), expected \(expected[index]) \(response.text.prefix(120))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) cells differ:\n\(failures.joined(separator: "\n"))")
    }
}
