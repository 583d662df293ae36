import Foundation
import Testing
import TestSupport

/// What the screens of a learner who cannot read need from the API: a recording moved into the
/// group that will hear it, stories apart from practice takes with a picture each, and a name
/// spoken beside each picture on the sign-in screens.
@Suite("Learner screens' API")
struct LearnerScreensAPITests {
    static let wav = TestWAV.make(Signals.sine(frequency: 440, sampleRate: 16_000, seconds: 0.3), sampleRate: 16_000)

    @Test("PATCH groupId moves a recording: into its owner's groups, by those who manage it, a shared one only by its owner")
    func moveToAnotherGroup() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!, trainer = world.clients[.trainerOfGroup]!
        let g1 = world.ids["g1"]!, g2 = world.ids["g2"]!
        let id = try await world.ownerRecording("private")
        #expect(try await owner.get("/api/recordings/\(id)").json()["groupId"] as? String == g1)
        // Not one of the owner's groups yet: refused, and nothing changes.
        let refused = try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["groupId": g2, "title": "moved"]))
        #expect(refused.status == 403 && refused.errorCode == "forbidden", "\(refused.text)")
        #expect(try await owner.get("/api/recordings/\(id)").json()["title"] as? String == "private")
        try await world.expect(204, "POST", "/api/groups/\(g2)/members", ["personId": world.ids["owner"]!])
        // Their trainer moves the private recording; the row really changes.
        let moved = try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["groupId": g2]))
        #expect(moved.status == 200)
        #expect(try moved.json()["groupId"] as? String == g2)
        #expect(try await world.admin.get("/api/recordings/\(id)").json()["groupId"] as? String == g2)
        // Shared with the group: the group's members hear it, and only the owner may move it.
        try await world.expect(201, "POST", "/api/recordings/\(id)/consent", ["visibility": "group", "method": "tap"], as: owner)
        try await world.expect(200, "PATCH", "/api/recordings/\(id)", ["visibility": "group"], as: owner)
        #expect(try await world.clients[.outsider]!.get("/api/recordings/\(id)").status == 200, "g2's learner hears it")
        #expect(try await world.clients[.peer]!.get("/api/recordings/\(id)").status == 404, "g1's learner does not")
        let shared = try await trainer.send("PATCH", "/api/recordings/\(id)", body: .json(["groupId": g1]))
        #expect(shared.status == 403, "\(shared.text)")
        try await world.expect(200, "PATCH", "/api/recordings/\(id)", ["groupId": g1], as: owner)
        #expect(try await world.clients[.peer]!.get("/api/recordings/\(id)").status == 200)
        #expect(try await world.clients[.outsider]!.get("/api/recordings/\(id)").status == 404)
        // Someone who may only hear it cannot move it; bad and unknown groups are 422.
        #expect(try await world.clients[.peer]!.send("PATCH", "/api/recordings/\(id)", body: .json(["groupId": g2])).status == 403)
        for bad in ["nope", "AAAAAAAAAAAAAAAAAAAAAA"] {
            let answer = try await owner.send("PATCH", "/api/recordings/\(id)", body: .json(["groupId": bad]))
            #expect(answer.status == 422 && answer.errorCode == "invalid_field", "\(bad): \(answer.text)")
        }
    }

    @Test("stories and practice takes are listed apart; each may carry a picture of the client's set")
    func purposeAndPicture() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!
        let story = try await owner.send("POST", "/api/recordings?picture=house", body: .bytes(Self.wav))
        #expect(story.status == 201)
        #expect(try story.json()["picture"] as? String == "house" && story.json()["purpose"] as? String == "story")
        let take = try await owner.send("POST", "/api/recordings?purpose=practice", body: .bytes(Self.wav))
        #expect(try take.status == 201 && take.json()["purpose"] as? String == "practice")
        let storyId = try #require(try story.json()["id"] as? String), takeId = try #require(try take.json()["id"] as? String)
        func listed(_ query: String) async throws -> [String] {
            try await owner.get("/api/recordings\(query)").json()["recordings"].flatMap { $0 as? [[String: Any]] }?.compactMap { $0["id"] as? String } ?? []
        }
        #expect(try await listed("?purpose=story") == [storyId])
        #expect(try await listed("?purpose=practice") == [takeId])
        #expect(Set(try await listed("")) == [storyId, takeId])
        let changed = try await owner.send("PATCH", "/api/recordings/\(storyId)", body: .json(["picture": "caravan"]))
        #expect(try changed.json()["picture"] as? String == "caravan")
        #expect(try await owner.get("/api/recordings?purpose=name").status == 400)
        #expect(try await owner.send("POST", "/api/recordings?purpose=name", body: .bytes(Self.wav)).status == 400)
        #expect(try await owner.send("POST", "/api/recordings?picture=..%2Fx", body: .bytes(Self.wav)).status == 422)
        #expect(try await owner.send("PATCH", "/api/recordings/\(storyId)", body: .json(["picture": "a b"])).status == 422)
        #expect(try await listed("") .count == 2, "refused uploads store nothing")
    }

    @Test("a recording says whose voice it is: the owner's picture to whoever hears it, their photo only where it may be seen")
    func speaker() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!, peer = world.clients[.peer]!, ownerId = world.ids["owner"]!
        try await world.expect(200, "PATCH", "/api/people/\(ownerId)", ["avatar": "p-hat"], as: owner)
        #expect(try await owner.send("PUT", "/api/people/\(ownerId)/avatar", body: .bytes(try PhotoTests.png(size: 16, shade: 10))).status == 204)
        let id = try await world.ownerRecording("group")
        func speaker(_ client: HTTPTestClient) async throws -> [String: Any]? {
            let read = try await client.get("/api/recordings/\(id)").json()["speaker"] as? [String: Any]
            let listed = try await client.get("/api/recordings").json()["recordings"].flatMap { $0 as? [[String: Any]] }?
                .first { $0["id"] as? String == id }?["speaker"] as? [String: Any]
            #expect(read.map { NSDictionary(dictionary: $0) } == listed.map { NSDictionary(dictionary: $0) }, "the list says what the read says")
            return read
        }
        let photo = "/api/people/\(ownerId)/avatar"
        // The owner and their trainer see the photo; a groupmate at home hears the story and sees the picture only.
        for client in [owner, world.clients[.trainerOfGroup]!] {
            let shown = try #require(try await speaker(client))
            #expect(shown["personId"] as? String == ownerId && shown["avatar"] as? String == "p-hat" && shown["avatarUrl"] as? String == photo)
        }
        let atHome = try #require(try await speaker(peer))
        #expect(atHome["avatar"] as? String == "p-hat" && atHome["avatarUrl"] == nil, "\(atHome)")
        #expect(try await peer.get(photo).status == 404)
        // On the group's kiosk, where the sign-in screen shows every learner's photo, the story shows it too.
        let onKiosk = try await world.pictureSession("peer", via: world.clients[.kiosk]!)
        #expect(try await speaker(onKiosk)?["avatarUrl"] as? String == photo)
        #expect(try await onKiosk.get(photo).status == 200)
        // Who may not hear it learns nothing of whose it is.
        #expect(try await world.clients[.outsider]!.get("/api/recordings/\(id)").status == 404)
    }

    @Test("a spoken name: recorded by the person or their trainer, heard where their photo is seen, never listed")
    func spokenName() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!, ownerId = world.ids["owner"]!
        let path = "/api/people/\(ownerId)/name"
        #expect(try await owner.get(path).status == 404)
        #expect(try await world.clients[.trainerOfOtherGroup]!.send("PUT", path, body: .bytes(Self.wav)).status == 404)
        #expect(try await world.clients[.peer]!.send("PUT", path, body: .bytes(Self.wav)).status == 404)
        let first = try await world.clients[.trainerOfGroup]!.send("PUT", path, body: .bytes(Self.wav))
        #expect(first.status == 201 && first.header("Location") == path, "\(first.text)")
        #expect(try await owner.get("/api/people/\(ownerId)").json()["nameUrl"] as? String == path)
        let listed = try await world.clients[.kiosk]!.get("/api/signin/groups/\(world.ids["g1"]!)/learners").json(array: true)
        #expect(listed.first { $0["id"] as? String == ownerId }?["nameUrl"] as? String == path)
        for (role, status) in [(TestWorld.Role.owner, 200), (.trainerOfGroup, 200), (.admin, 200), (.kiosk, 200),
                               (.peer, 404), (.outsider, 404), (.trainerOfOtherGroup, 404), (.anonymous, 404)] {
            let heard = try await world.clients[role]!.get(path)
            #expect(heard.status == status, "\(role)")
            if status == 200 {
                #expect(Array(heard.body.prefix(4)) == Array("OggS".utf8) && heard.header("Content-Type") == "audio/ogg; codecs=opus")
                #expect(heard.header("Cache-Control") == "private, no-cache")
                let tag = try #require(heard.header("ETag"))
                #expect(try await world.clients[role]!.get(path, headers: [("If-None-Match", tag)]).status == 304)
            }
        }
        #expect(try await owner.get("/api/recordings").json()["recordings"].flatMap { $0 as? [Any] }?.isEmpty == true, "never listed")
        // The person re-records it: the old take is withdrawn for good.
        let before = try await world.admin.get(path)
        #expect(try await owner.send("PUT", path, body: .bytes(TestWAV.make(Signals.sine(frequency: 660, sampleRate: 16_000, seconds: 0.5),
                                                                            sampleRate: 16_000))).status == 204)
        let after = try await world.admin.get(path)
        #expect(after.status == 200 && after.header("ETag") != before.header("ETag"))
        #expect(try await owner.send("DELETE", path).status == 204)
        #expect(try await owner.get(path).status == 404)
        #expect(try await owner.send("DELETE", path).status == 404)
        #expect(try await owner.get("/api/people/\(ownerId)").json()["nameUrl"] == nil)
        #expect(try await owner.send("PUT", path, body: .bytes(Array("not audio at all".utf8))).status == 415)
    }
}
