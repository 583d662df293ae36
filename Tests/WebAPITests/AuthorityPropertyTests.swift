import Foundation
import Services
import TestSupport
import Testing

/// Random sequences of admin, trainer and learner operations (groups, members, people, picture
/// codes, recordings of every visibility, mentoring, withdrawal) against a live server, with
/// ``AuthorityModel`` beside it: every operation must answer what the model predicts, and after
/// each step nobody may hear, read or change what the model does not allow.
@Suite("Authority model: random operations against an independent model", .serialized)
struct AuthorityPropertyTests {
    static let steps = 80
    static let code = [2, 5, 9]
    static let wav = TestWAV.make(Signals.sine(frequency: 250, sampleRate: 8_000, seconds: 0.1), sampleRate: 8_000)

    /// The server, the model, and a signed-in client per person.
    final class Run {
        let server: ServerProcess
        var model = AuthorityModel()
        var clients: [String: HTTPTestClient] = [:]
        var names = 0
        var random: SplitMix
        var failures: [String] = []
        var networkId = ""

        init(seed: UInt64) async throws {
            server = try await ServerProcess.start()
            random = SplitMix(seed: seed)
        }

        func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }
        var people: [String] { model.roles.keys.sorted() }
        var groups: [String] { model.members.keys.sorted() }
        var actors: [String] { people.filter { clients[$0] != nil } }

        /// How often each operation got each answer (printed, to see what a run covered).
        var seen: [String: Int] = [:]

        func expect(_ got: HTTPTestClient.Response, _ expected: Int, _ what: String) {
            let kind = what.split(separator: " ").dropFirst().prefix(1).joined()
            seen["\(kind) \(expected)", default: 0] += 1
            if got.status != expected { failures.append("\(what): got \(got.status), the model says \(expected): \(got.text.prefix(160))") }
        }

        func newName(_ prefix: String) -> String {
            names += 1
            return "\(prefix)\(names)"
        }

        func id(of response: HTTPTestClient.Response) throws -> String {
            try #require(try response.json()["id"] as? String, "\(response.text)")
        }
    }

    @Test("every answer is the model's, for three seeds", arguments: [UInt64(1), 2, 3])
    func randomOperations(seed: UInt64) async throws {
        let run = try await Run(seed: seed)
        defer { run.server.stop(); run.server.removeMediaRoot() }
        try await setUp(run)
        for step in 1...Self.steps {
            let what = try await randomStep(run)
            try await checkEverything(run, after: "step \(step) (\(what))")
            if !run.failures.isEmpty { break }
        }
        print("seed \(seed): " + run.seen.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        #expect(run.failures.isEmpty, "seed \(seed):\n\(run.failures.prefix(20).joined(separator: "\n"))")
        if run.failures.isEmpty {
            #expect(run.model.recordings.count + run.model.withdrawn.count > 3 && run.model.members.count >= 2, "the run did something")
        }
    }

    /// An admin, three trainers with a group each for two of them, and a network.
    func setUp(_ run: Run) async throws {
        let admin = run.server.client
        let me = try #require(try await admin.get("/api/auth/me").json()["person"] as? [String: Any])["id"] as! String
        run.model.roles[me] = .admin
        run.clients[me] = admin
        run.networkId = try run.id(of: try await admin.send("POST", "/api/networks", body: .json(["name": "network"])))
        for index in 0..<3 {
            let name = "trainer\(index)"
            let created = try await admin.send("POST", "/api/people", body: .json(["name": name, "displayName": name, "role": "trainer",
                                                                                 "password": "password-\(name)"]))
            let id = try run.id(of: created)
            run.model.roles[id] = .trainer
            let signedIn = try await run.server.anonymous.send("POST", "/api/auth/password", body: .json(["name": name, "password": "password-\(name)"]))
            run.clients[id] = try TestWorld.session(from: signedIn, base: run.server.anonymous)
            if index < 2 { try await createGroup(run, by: id) }
        }
    }

    /// One random operation, checked against the model; returns what it was.
    func randomStep(_ run: Run) async throws -> String {
        // Trainers act most: their power is what the model bounds.
        let trainers = run.actors.filter { run.model.roles[$0] == .trainer }
        let actor = run.random.below(2) == 0 ? run.pick(trainers) : run.pick(run.actors)
        switch run.random.below(10) {
        case 0:
            return try await createGroup(run, by: actor)
        case 1, 2:
            let groupIds = run.model.roles[actor] == .admin && run.random.below(3) == 0 ? [] : [run.pick(run.groups)]
            return try await createLearner(run, by: actor, in: groupIds)
        case 3:
            // Mostly the cases that matter: a trainer adding a learner to one of their own groups.
            let learners = run.people.filter { run.model.roles[$0] == .learner }
            let person = run.random.below(4) > 0 && !learners.isEmpty ? run.pick(learners) : run.pick(run.people)
            let own = run.model.groups(of: actor).sorted()
            let group = run.random.below(4) > 0 && !own.isEmpty ? run.pick(own) : run.pick(run.groups)
            let response = try await run.clients[actor]!.send("POST", "/api/groups/\(group)/members", body: .json(["personId": person]))
            let expected = run.model.addMemberStatus(actor, person, group)
            run.expect(response, expected, "\(actor) adds \(person) to \(group)")
            if response.status == 204 { run.model.members[group, default: []].insert(person) }
            return "add member"
        case 4:
            let group = run.pick(run.groups)
            let person = run.random.below(2) == 0 ? run.pick(run.people) : (run.model.members[group]?.sorted().first ?? actor)
            let response = try await run.clients[actor]!.send("DELETE", "/api/groups/\(group)/members/\(person)")
            run.expect(response, run.model.removeMemberStatus(actor, person, group), "\(actor) removes \(person) from \(group)")
            if response.status == 204 { run.model.members[group]?.remove(person) }
            return "remove member"
        case 5, 6:
            return try await record(run, by: actor)
        case 7:
            let mentor = run.pick(run.people), newcomer = run.pick(run.people)
            let response = try await run.clients[actor]!.send("POST", "/api/mentoring-pairs",
                                                              body: .json(["mentorId": mentor, "newcomerId": newcomer]))
            run.expect(response, run.model.pairStatus(actor, mentor: mentor, newcomer: newcomer), "\(actor) pairs \(mentor) with \(newcomer)")
            if response.status == 201 { run.model.pairs.append((mentor, newcomer)) }
            return "pair"
        case 8:
            let person = run.pick(run.people)
            let response = try await run.clients[actor]!.send("PUT", "/api/people/\(person)/picture-code", body: .json(["code": Self.code]))
            run.expect(response, run.model.setCodeStatus(actor, person), "\(actor) sets \(person)'s code")
            if run.random.below(2) == 0, let admin = run.model.roles.first(where: { $0.value == .admin })?.key {
                let group = run.pick(run.groups)
                let joined = try await run.clients[admin]!.send("POST", "/api/networks/\(run.networkId)/groups", body: .json(["groupId": group]))
                run.expect(joined, 204, "admin puts \(group) in the network")
                run.model.network.insert(group)
            }
            return "set code"
        default:
            guard let id = run.model.recordings.keys.sorted().randomElement(using: &run.random) else { return "nothing to withdraw" }
            if run.random.below(2) == 0 {
                let response = try await run.clients[actor]!.send("PATCH", "/api/recordings/\(id)", body: .json(["title": "renamed"]))
                run.expect(response, run.model.manageRecordingStatus(actor, recording: id, success: 200), "\(actor) renames \(id)")
                return "rename recording"
            }
            let response = try await run.clients[actor]!.send("POST", "/api/recordings/\(id)/withdraw")
            run.expect(response, run.model.manageRecordingStatus(actor, recording: id, success: 204), "\(actor) withdraws \(id)")
            if response.status == 204, let recording = run.model.recordings.removeValue(forKey: id) { run.model.withdrawn[id] = recording.owner }
            return "withdraw"
        }
    }

    @discardableResult
    func createGroup(_ run: Run, by actor: String) async throws -> String {
        let response = try await run.clients[actor]!.send("POST", "/api/groups", body: .json(["name": run.newName("group")]))
        run.expect(response, run.model.roles[actor] == .learner ? 403 : 201, "\(actor) creates a group")
        guard response.status == 201 else { return "create group" }
        let group = try run.id(of: response)
        run.model.members[group] = run.model.roles[actor] == .trainer ? [actor] : []
        return "create group"
    }

    /// A learner made by `actor`; once made, their code is set by their maker and they sign in.
    func createLearner(_ run: Run, by actor: String, in groupIds: [String]) async throws -> String {
        let name = run.newName("learner")
        let response = try await run.clients[actor]!.send("POST", "/api/people",
                                                          body: .json(["name": name, "displayName": name, "role": "learner", "groupIds": groupIds]))
        run.expect(response, run.model.createLearnerStatus(actor, groupIds: groupIds), "\(actor) creates a learner in \(groupIds)")
        guard response.status == 201 else { return "create learner (refused)" }
        let id = try run.id(of: response)
        run.model.roles[id] = .learner
        for group in groupIds { run.model.members[group, default: []].insert(id) }
        let coded = try await run.clients[actor]!.send("PUT", "/api/people/\(id)/picture-code", body: .json(["code": Self.code]))
        run.expect(coded, run.model.setCodeStatus(actor, id), "\(actor) sets their new learner's code")
        let signedIn = try await run.server.anonymous.send("POST", "/api/auth/picture", body: .json(["personId": id, "code": Self.code]))
        run.expect(signedIn, 200, "\(name) signs in")
        if signedIn.status == 200 { run.clients[id] = try TestWorld.session(from: signedIn, base: run.server.anonymous) }
        return "create learner"
    }

    /// A recording of `owner`'s at a random visibility, with their consent.
    func record(_ run: Run, by owner: String) async throws -> String {
        let mine = run.model.groups(of: owner).sorted()
        let group = mine.isEmpty ? nil : run.pick(mine)
        let path = "/api/recordings?title=take" + (group.map { "&groupId=\($0)" } ?? "")
        let created = try await run.clients[owner]!.send("POST", path, body: .bytes(Self.wav))
        run.expect(created, 201, "\(owner) records")
        guard created.status == 201 else { return "record (refused)" }
        let id = try run.id(of: created)
        let visibility = run.pick(["private", "group", "network", "public"])
        var recording = AuthorityModel.Recording(id: id, owner: owner, visibility: "private", group: group, sharedWithMentor: false)
        if visibility == "private" {
            recording.sharedWithMentor = run.random.below(2) == 0
            let patched = try await run.clients[owner]!.send("PATCH", "/api/recordings/\(id)", body: .json(["sharedWithMentor": recording.sharedWithMentor]))
            run.expect(patched, 200, "\(owner) shares \(id) with their mentor")
        } else {
            let consented = try await run.clients[owner]!.send("POST", "/api/recordings/\(id)/consent",
                                                               body: .json(["visibility": visibility, "method": "tap"]))
            run.expect(consented, 201, "\(owner) consents to \(visibility)")
            recording.visibility = visibility
        }
        run.model.recordings[id] = recording
        return "record \(visibility)"
    }

    /// Every person (and nobody) against every recording, and every person against every person.
    func checkEverything(_ run: Run, after step: String) async throws {
        var checks: [(HTTPTestClient, String, String, Int)] = []
        let viewers: [(String?, HTTPTestClient)] = [(nil, run.server.anonymous)] + run.actors.map { ($0, run.clients[$0]!) }
        for id in run.model.recordings.keys.sorted() + run.model.withdrawn.keys.sorted() {
            for (viewer, client) in viewers {
                checks.append((client, "/api/recordings/\(id)", "\(viewer ?? "anonymous") reads \(id)", run.model.readStatus(viewer, recording: id)))
            }
        }
        for actor in run.actors {
            for person in run.people {
                checks.append((run.clients[actor]!, "/api/people/\(person)/sign-in-attempts", "\(actor) reads \(person)'s attempts",
                               run.model.personStatus(actor, person, success: 200)))
            }
        }
        let results = try await withThrowingTaskGroup(of: (String, Int, Int, String).self) { group in
            var results: [(String, Int, Int, String)] = []
            for (index, (client, path, what, expected)) in checks.enumerated() {
                if index >= 16 { results.append(try await group.next()!) }
                group.addTask {
                    let response = try await client.get(path)
                    return (what, response.status, expected, response.text)
                }
            }
            for try await result in group { results.append(result) }
            return results
        }
        for (what, got, expected, body) in results where got != expected {
            run.failures.append("after \(step): \(what): got \(got), the model says \(expected): \(body.prefix(120))")
        }
    }
}
