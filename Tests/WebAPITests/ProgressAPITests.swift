import Foundation
import Testing
import TestSupport

/// Progress over HTTP: the level rule, levels set by hand, who may read whose progress, the
/// group's view, and gap-fill tiles drawn only from what the learner may hear.
@Suite("Progress API", .serialized)
struct ProgressAPITests {
    typealias Role = TestWorld.Role

    /// The world, and a timed lesson of the first group's trainer that the whole group hears.
    static func lessonWorld() async throws -> (TestWorld, String) {
        let world = try await TestWorld.make()
        let trainer = world.clients[.trainerOfGroup]!
        let (lesson, _) = try await ExerciseAPITests.timedRecording(trainer, query: "language=fr&title=Le%20matin")
        try await world.expect(201, "POST", "/api/recordings/\(lesson)/consent", ["visibility": "group", "method": "tap"], as: trainer)
        return (world, lesson)
    }

    static func dictate(_ client: HTTPTestClient, _ lesson: String, _ text: String, segment: Int = 2, extra: [String: Any] = [:],
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        var body: [String: Any] = ["kind": "dictation", "recordingId": lesson, "segment": segment, "answer": ["text": text]]
        body.merge(extra) { $1 }
        let response = try await client.send("POST", "/api/attempts", body: .json(body))
        try #require(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    @Test("two dictations of 80 or more move a learner up; exercises follow their level; a trainer sets one by hand")
    func levelRule() async throws {
        let (world, lesson) = try await Self.lessonWorld()
        defer { world.stop() }
        let owner = world.clients[.owner]!, trainer = world.clients[.trainerOfGroup]!
        let me = world.ids["owner"]!

        let first = try await Self.dictate(owner, lesson, "J'ai 21 ans.")
        let firstProgress = try #require(first["progress"] as? [String: Any])
        #expect(first["level"] as? Int == 1 && firstProgress["level"] as? Int == 1 && firstProgress["leveledUp"] as? Bool == false)
        #expect((firstProgress["rule"] as? String)?.contains("80") == true)
        _ = try await Self.dictate(owner, lesson, "jai 20 ans")  // 2 of 3 words: 67, does not count
        let second = try await Self.dictate(owner, lesson, "j'ai vingt et un ans")
        let secondProgress = try #require(second["progress"] as? [String: Any])
        #expect(second["score"] as? Int == 100)
        #expect(secondProgress["level"] as? Int == 2 && secondProgress["previousLevel"] as? Int == 1 && secondProgress["leveledUp"] as? Bool == true)
        // Exercises and attempts without a level use the learner's.
        #expect(try await owner.get("/api/recordings/\(lesson)/exercises/dictation?segment=2").json()["level"] as? Int == 2)
        #expect(try await Self.dictate(owner, lesson, "jai 21 ans")["level"] as? Int == 2)

        let progress = try await owner.get("/api/people/\(me)/progress").json()
        let entry = try #require((progress["recordings"] as? [[String: Any]])?.first)
        #expect(entry["recordingId"] as? String == lesson && entry["title"] as? String == "Le matin" && entry["level"] as? Int == 2)
        #expect(entry["levelSetBy"] as? String == "rule")
        let scores = try #require(entry["scores"] as? [[String: Any]])
        let levelOne = try #require(scores.first { $0["kind"] as? String == "dictation" && $0["level"] as? Int == 1 })
        #expect(levelOne["best"] as? Int == 100 && levelOne["last"] as? Int == 100 && levelOne["attempts"] as? Int == 3)
        #expect((progress["recentAttempts"] as? [[String: Any]])?.count == 4)
        #expect((progress["person"] as? [String: Any])?["id"] as? String == me)

        // The trainer puts her back to level 1: passes before that no longer count.
        let set = try await trainer.send("PUT", "/api/people/\(me)/progress/\(lesson)", body: .json(["level": 1]))
        #expect(try set.status == 200 && set.json()["level"] as? Int == 1 && set.json()["levelSetBy"] as? String == "manual", "\(set.text)")
        let after = try await Self.dictate(owner, lesson, "J'ai 21 ans.")
        #expect((after["progress"] as? [String: Any])?["level"] as? Int == 1)
        let again = try await Self.dictate(owner, lesson, "J'ai 21 ans.")
        #expect((again["progress"] as? [String: Any])?["level"] as? Int == 2)
        for bad in [["level": 4], ["level": "2"], [:], ["level": 2, "step": "no spaces"]] as [[String: Any]] {
            let response = try await trainer.send("PUT", "/api/people/\(me)/progress/\(lesson)", body: .json(bad))
            #expect(response.status == 422 && response.errorCode == "invalid_field", "\(bad): \(response.text)")
        }
        #expect(try await trainer.send("PUT", "/api/people/\(me)/progress/AAAAAAAAAAAAAAAAAAAAAA", body: .json(["level": 2])).status == 404)

        // A scenario step keeps its own level.
        let step = try await Self.dictate(owner, lesson, "J'ai 21 ans.", extra: ["step": "introduce-yourself/3"])
        #expect(step["step"] as? String == "introduce-yourself/3" && (step["progress"] as? [String: Any])?["level"] as? Int == 1)
        let steps = try await owner.get("/api/people/\(me)/progress").json()["recordings"] as? [[String: Any]] ?? []
        #expect(Set(steps.map { $0["step"] as? String ?? "" }) == ["", "introduce-yourself/3"])
    }

    @Test("who may read and set progress: the learner, their trainers, their mentor; nobody else")
    func access() async throws {
        let (world, lesson) = try await Self.lessonWorld()
        defer { world.stop() }
        let owner = world.ids["owner"]!, group = world.ids["g1"]!
        let attempt = try await Self.dictate(world.clients[.owner]!, lesson, "J'ai 21 ans.")
        let attemptId = try #require(attempt["id"] as? String)
        let read: [Role: Int] = [.anonymous: 401, .owner: 200, .peer: 404, .outsider: 404, .mentor: 200, .trainerOfGroup: 200,
                                 .trainerOfOtherGroup: 404, .admin: 200, .kiosk: 401]
        let set: [Role: Int] = [.anonymous: 401, .owner: 403, .peer: 404, .outsider: 404, .mentor: 403, .trainerOfGroup: 200,
                                .trainerOfOtherGroup: 404, .admin: 200, .kiosk: 401]
        let groupView: [Role: Int] = [.anonymous: 401, .owner: 403, .peer: 403, .outsider: 404, .mentor: 404, .trainerOfGroup: 200,
                                      .trainerOfOtherGroup: 404, .admin: 200, .kiosk: 401]
        var failures: [String] = []
        for role in Role.allCases {
            let client = world.clients[role]!
            func check(_ what: String, _ got: Int, _ expected: Int?) {
                if got != expected { failures.append("\(role.rawValue) \(what): got \(got), expected \(String(describing: expected))") }
            }
            check("GET person progress", try await client.get("/api/people/\(owner)/progress").status, read[role])
            check("GET attempt", try await client.get("/api/attempts/\(attemptId)").status, read[role])
            check("PUT level", try await client.send("PUT", "/api/people/\(owner)/progress/\(lesson)", body: .json(["level": 2])).status, set[role])
            check("GET group progress", try await client.get("/api/groups/\(group)/progress").status, groupView[role])
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        // A learner of another group cannot even practise on the lesson.
        let outsider = try await world.clients[.outsider]!.send("POST", "/api/attempts", body: .json([
            "kind": "dictation", "recordingId": lesson, "segment": 0, "answer": ["text": "x"],
        ]))
        #expect(outsider.status == 422 && outsider.errorMessage?.hasPrefix("recordingId:") == true)
    }

    @Test("the group's view: who is at which level on what, recent attempts, words most often missed")
    func groupView() async throws {
        let (world, lesson) = try await Self.lessonWorld()
        defer { world.stop() }
        for role: Role in [.owner, .peer] {
            _ = try await Self.dictate(world.clients[role]!, lesson, "le je vais à l'école avec ma fille", segment: 0)
        }
        _ = try await Self.dictate(world.clients[.owner]!, lesson, "le matin je vais a lecol avec ma fille", segment: 0)
        let view = try await world.clients[.trainerOfGroup]!.get("/api/groups/\(world.ids["g1"]!)/progress")
        #expect(view.status == 200, "\(view.text)")
        let json = try view.json()
        let learners = try #require(json["learners"] as? [[String: Any]])
        #expect(Set(learners.map { $0["id"] as? String ?? "" }) == [world.ids["owner"]!, world.ids["peer"]!])
        // The owner scored 89 then 94: up to level 2. The peer, once: still level 1.
        let level = { (id: String) in
            (learners.first { $0["id"] as? String == id }?["recordings"] as? [[String: Any]])?.first?["level"] as? Int
        }
        #expect(level(world.ids["owner"]!) == 2 && level(world.ids["peer"]!) == 1)
        #expect(learners.first { $0["id"] as? String == world.ids["owner"]! }?["attempts"] as? Int == 2)
        let missed = try #require(json["missedWords"] as? [[String: Any]])
        #expect(missed.first?["word"] as? String == "matin" && missed.first?["missed"] as? Int == 2 && missed.first?["learners"] as? Int == 2,
                "\(missed)")
        #expect((json["recentAttempts"] as? [[String: Any]])?.count == 3)
        #expect((json["group"] as? [String: Any])?["name"] as? String == "Class A")
    }

    @Test("gap-fill tiles come only from recordings the learner may hear")
    func tilesFollowHearing() async throws {
        let (world, lesson) = try await Self.lessonWorld()
        defer { world.stop() }
        // The owner's own recording, private, in the same group.
        let secret = ["zèbre", "girafe", "hippopotame", "crocodile"]
        _ = try await ExerciseAPITests.timedRecording(world.clients[.owner]!, text: "Zèbre, girafe, hippopotame, crocodile.", seconds: 4)
        func tiles(_ role: Role) async throws -> Set<String> {
            var seen = Set<String>()
            for seed in 0..<8 {
                let exercise = try await world.clients[role]!.get("/api/recordings/\(lesson)/exercises/gap-fill?segment=1&level=3&seed=\(seed)")
                try #require(exercise.status == 200, "\(exercise.text)")
                for gap in try exercise.json()["gaps"] as? [[String: Any]] ?? [] {
                    for option in gap["options"] as? [[String: Any]] ?? [] { seen.insert((option["text"] as? String ?? "").lowercased()) }
                }
            }
            return seen
        }
        #expect(try await tiles(.peer).isDisjoint(with: secret))
        // Her trainer hears it, so its words may be offered to him.
        #expect(!(try await tiles(.trainerOfGroup)).isDisjoint(with: secret))
    }
}
