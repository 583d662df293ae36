import Foundation
import Testing
import TestSupport
@testable import WebAPI

/// `/api/labels/{lang}`: trainers record the spoken labels, anyone hears them (learners hear labels
/// on the sign-in screen, before anyone is signed in). Against the real server and SQLite file.
@Suite("Spoken labels API")
struct SpokenLabelAPITests {
    static let wav = TestWAV.make(Signals.sine(frequency: 440, sampleRate: 16_000, seconds: 0.6), sampleRate: 16_000)
    static let otherWAV = TestWAV.make(Signals.sine(frequency: 660, sampleRate: 16_000, seconds: 0.8), sampleRate: 16_000)

    static func labels(_ client: HTTPTestClient, _ language: String) async throws -> [String: [String: Any]] {
        let response = try await client.get("/api/labels/\(language)")
        try #require(response.status == 200, "\(response.text)")
        return try #require(try response.json()["labels"] as? [String: [String: Any]])
    }

    @Test("a trainer records a label: anyone lists and hears it; a new take replaces the old (withdrawn when it was the same speaker's, given back to its owner otherwise); delete goes back to the shipped clip")
    func lifecycle() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!, anonymous = world.clients[.anonymous]!

        let empty = try await anonymous.get("/api/labels/ar-MA")
        #expect(empty.status == 200, "\(empty.text)")
        #expect(try empty.json()["language"] as? String == "ar-MA")
        #expect(try empty.json()["keys"] as? [String] == SpokenLabels.keys)
        #expect(SpokenLabels.keys.contains("record") && SpokenLabels.keys.count > 40)
        #expect(try await Self.labels(anonymous, "ar-MA").isEmpty)

        let first = try await trainer.send("PUT", "/api/labels/ar-MA/record", body: .bytes(Self.wav))
        #expect(first.status == 201, "\(first.text)")
        let firstId = try #require(try first.json()["recordingId"] as? String)
        #expect(try first.json()["audioUrl"] as? String == "/media/\(firstId).opus")
        #expect(try first.json()["key"] as? String == "record" && first.json()["language"] as? String == "ar-MA")

        // Listed for anyone, and the audio is public: a learner on the sign-in screen hears it.
        let listed = try await Self.labels(anonymous, "ar-MA")
        #expect(listed.keys.sorted() == ["record"])
        #expect(listed["record"]?["audioUrl"] as? String == "/media/\(firstId).opus")
        let audio = try await anonymous.get("/media/\(firstId).opus")
        #expect(audio.status == 200 && audio.body.starts(with: Array("OggS".utf8)))
        // The recording is the trainer's own, public with their consent on record, and in nobody's list.
        let recording = try await trainer.get("/api/recordings/\(firstId)").json()
        #expect(recording["ownerId"] as? String == world.ids["trainerOfGroup"] && recording["visibility"] as? String == "public")
        let consents = try await trainer.get("/api/recordings/\(firstId)/consents").json(array: true)
        #expect(consents.map { $0["visibility"] as? String } == ["public"])
        let list = try await world.admin.get("/api/recordings?limit=200").json()["recordings"] as? [[String: Any]] ?? []
        #expect(!list.contains { $0["id"] as? String == firstId })
        // Other languages are their own.
        #expect(try await Self.labels(anonymous, "fr").isEmpty)

        // Another trainer's take replaces it. The old take is the first trainer's voice: it is not
        // withdrawn by someone else, but given back to its owner as a private recording.
        let second = try await world.clients[.trainerOfOtherGroup]!.send("PUT", "/api/labels/AR-ma/record", body: .bytes(Self.otherWAV))
        #expect(second.status == 200, "\(second.text)")
        let secondId = try #require(try second.json()["recordingId"] as? String)
        #expect(secondId != firstId)
        #expect(try await Self.labels(anonymous, "ar-MA")["record"]?["recordingId"] as? String == secondId)
        #expect(try await anonymous.get("/media/\(firstId).opus").status == 404)
        let givenBack = try await trainer.get("/api/recordings/\(firstId)")
        #expect(try givenBack.status == 200 && givenBack.json()["visibility"] as? String == "private", "\(givenBack.text)")
        #expect(try await trainer.get("/media/\(firstId).opus").status == 200)
        #expect(try await world.clients[.trainerOfOtherGroup]!.get("/api/recordings/\(firstId)").status == 404)
        // Their own take replaced by themselves is withdrawn for good.
        let retake = try await world.clients[.trainerOfOtherGroup]!.send("PUT", "/api/labels/ar-MA/record", body: .bytes(Self.wav))
        #expect(retake.status == 200, "\(retake.text)")
        #expect(try await world.clients[.trainerOfOtherGroup]!.get("/api/recordings/\(secondId)").status == 410)
        let thirdTakeId = try #require(try retake.json()["recordingId"] as? String)

        // Delete: the shipped clip again, the recording withdrawn; a second delete finds nothing.
        #expect(try await world.admin.send("DELETE", "/api/labels/ar-MA/record").status == 204)
        #expect(try await Self.labels(anonymous, "ar-MA").isEmpty)
        #expect(try await anonymous.get("/media/\(thirdTakeId).opus").status == 404)
        #expect(try await world.clients[.trainerOfOtherGroup]!.get("/api/recordings/\(thirdTakeId)").status == 410)
        let again = try await world.admin.send("DELETE", "/api/labels/ar-MA/record")
        #expect(again.status == 404 && again.errorCode == "not_found", "\(again.text)")

        // The speaker withdrawing their recording takes the label with it.
        let third = try await trainer.send("PUT", "/api/labels/fr/keep", body: .bytes(Self.wav))
        let thirdId = try #require(try third.json()["recordingId"] as? String)
        #expect(try await trainer.send("DELETE", "/api/recordings/\(thirdId)").status == 204)
        #expect(try await Self.labels(anonymous, "fr").isEmpty)
    }

    @Test("bad language, unknown key, no or unreadable audio: 4xx JSON errors, nothing stored")
    func badInput() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let trainer = world.clients[.trainerOfGroup]!
        for (method, path, body, status, code) in [
            ("GET", "/api/labels/not_a_tag!", nil, 400, "invalid_parameter"),
            ("PUT", "/api/labels/fr--x/record", Self.wav, 400, "invalid_parameter"),
            ("PUT", "/api/labels/fr/nosuchkey", Self.wav, 404, "not_found"),
            ("PUT", "/api/labels/fr/Record", Self.wav, 404, "not_found"),
            ("DELETE", "/api/labels/fr/nosuchkey", nil, 404, "not_found"),
            ("PUT", "/api/labels/fr/record", [], 400, "empty_body"),
            ("PUT", "/api/labels/fr/record", Array("this is not audio at all, just some text".utf8), 415, "unsupported_media_type"),
            ("PATCH", "/api/labels/fr/record", nil, 405, "method_not_allowed"),
        ] as [(String, String, [UInt8]?, Int, String)] {
            let response = try await trainer.send(method, path, body: body.map { .bytes($0) } ?? .none)
            #expect(response.status == status && response.errorCode == code, "\(method) \(path): \(response.status) \(response.text)")
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, "\(method) \(path)")
        }
        #expect(try await Self.labels(world.admin, "fr").isEmpty)
        let recordings = try await world.admin.get("/api/recordings?limit=200").json()["recordings"] as? [Any]
        #expect(recordings?.count == 0)
    }

    @Test("only trainers and admins record or delete labels; anyone lists them")
    func authorisation() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let allowed: Set<TestWorld.Role> = [.trainerOfGroup, .trainerOfOtherGroup, .admin]
        for role in TestWorld.Role.allCases {
            let client = world.clients[role]!
            let put = try await client.send("PUT", "/api/labels/fr/next", body: .bytes(Self.wav))
            let expected = allowed.contains(role) ? [200, 201] : [.anonymous, .kiosk].contains(role) ? [401] : [403]
            #expect(expected.contains(put.status), "\(role): \(put.text)")
            if !allowed.contains(role) {
                #expect(put.errorCode == (expected == [401] ? "not_signed_in" : "forbidden"), "\(role)")
            }
            #expect(try await client.get("/api/labels/fr").status == 200, "\(role)")
            let delete = try await client.send("DELETE", "/api/labels/fr/next")
            #expect(delete.status == (allowed.contains(role) ? 204 : expected[0]), "\(role): \(delete.text)")
            _ = try await world.admin.send("PUT", "/api/labels/fr/next", body: .bytes(Self.wav))
        }
    }

    @Test("the described label keys are the shipped clips")
    func describedKeys() throws {
        let yaml = APIDescription.yaml
        let line = try #require(yaml.split(separator: "\n").first { $0.contains("enum: [again") })
        let described = line.split(separator: "[")[1].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(described == SpokenLabels.keys)
    }
}
