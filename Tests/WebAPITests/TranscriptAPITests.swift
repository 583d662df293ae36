import Foundation
import Testing
import TestSupport

/// Transcripts over HTTP against the real server: writing, every format in and out, revisions,
/// manual timings, search, and who may do what.
@Suite("Transcripts API")
struct TranscriptAPITests {
    static let text = "Bonjour. Je m'appelle Amina.\nJ'habite à Lyon depuis un an."

    static func segments(_ response: HTTPTestClient.Response) throws -> [[String: Any]] {
        try #require(try response.json()["segments"] as? [[String: Any]], "\(response.text)")
    }

    static func words(_ response: HTTPTestClient.Response) throws -> [[String: Any]] {
        try segments(response).flatMap { $0["words"] as? [[String: Any]] ?? [] }
    }

    @Test("plain text in, taps, every export out and back in, revisions, If-Match, boundary moves, delete")
    func lifecycle() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let created = try await client.send("POST", "/api/recordings", body: .bytes(LiveServerTests.speechWAV(seconds: 6)))
        let id = try #require(try created.json()["id"] as? String)
        let base = "/api/recordings/\(id)/transcripts"

        let first = try await client.send("PUT", "\(base)/FR", headers: [("Content-Type", "text/plain")], body: .bytes(Array(Self.text.utf8)))
        #expect(first.status == 201 && first.header("ETag") == "\"r1\"", "\(first.text)")
        #expect(try first.json()["language"] as? String == "fr" && first.json()["change"] as? String == "text")
        #expect(try Self.segments(first).map { $0["text"] as? String } == ["Bonjour.", "Je m'appelle Amina.", "J'habite à Lyon depuis un an."])
        let firstWords = try Self.words(first).map { $0["text"] as? String ?? "" }
        let wordCount = firstWords.count
        #expect(wordCount == 10, "\(firstWords)")
        // Untimed: the subtitle formats cannot be made yet; plain text and JSON can.
        let untimed = try await client.get("\(base)/fr.vtt")
        #expect(untimed.status == 409 && untimed.errorCode == "not_timed", "\(untimed.text)")
        #expect(try await client.get("\(base)/fr.txt").text == Self.text + "\n")

        // The trainer taps along while listening: one start per word.
        let taps = (0..<wordCount).map { 300 + $0 * 450 }
        let tapped = try await client.send("PATCH", "\(base)/fr/timings", headers: [("If-Match", "\"r1\"")], body: .json(["taps": taps]))
        #expect(tapped.status == 200 && tapped.header("ETag") == "\"r2\"", "\(tapped.text)")
        let timedWords = try Self.words(tapped)
        #expect(timedWords.map { $0["startMs"] as? Int } == taps)
        #expect(timedWords.allSatisfy { $0["origin"] as? String == "manual" })
        // Ends follow starts and nothing overlaps.
        for (word, next) in zip(timedWords, timedWords.dropFirst()) {
            #expect((word["endMs"] as! Int) <= (next["startMs"] as! Int))
        }
        // A stale If-Match is refused: someone saved in between.
        let stale = try await client.send("PATCH", "\(base)/fr/timings", headers: [("If-Match", "\"r1\"")], body: .json(["taps": [100]]))
        #expect(stale.status == 412 && stale.errorCode == "revision_changed", "\(stale.text)")

        // Every export, read back in, gives the same phrases (and, where the format has them, words).
        var revision = 2
        for (ext, type) in [("vtt", "text/vtt"), ("srt", "application/x-subrip"), ("TextGrid", "text/plain"), ("eaf", "application/xml")] {
            let exported = try await client.get("\(base)/fr.\(ext)?revision=2")
            #expect(exported.status == 200 && exported.header("Content-Type")?.hasPrefix(type) == true, "\(ext): \(exported.text)")
            let imported = try await client.send("PUT", "\(base)/fr", body: .bytes(exported.body))
            revision += 1
            #expect(imported.status == 200 && imported.header("ETag") == "\"r\(revision)\"", "\(ext): \(imported.text)")
            #expect(try imported.json()["change"] as? String == "import")
            #expect(try Self.segments(imported).map { $0["startMs"] as? Int } == (try Self.segments(tapped).map { $0["startMs"] as? Int }))
            if ext != "srt" {
                #expect(try Self.words(imported).map { $0["startMs"] as? Int } == taps, "\(ext)")
            }
        }
        let vtt = try await client.get("\(base)/fr", headers: [("Accept", "text/vtt")])
        #expect(vtt.text.hasPrefix("WEBVTT") && vtt.text.contains("Je <00:00:01.200>m'appelle"), "\(vtt.text)")

        // A boundary dragged past its neighbour stops at it.
        let moved = try await client.send("PATCH", "\(base)/fr/timings",
                                          body: .json(["move": ["edge": "wordStart", "segment": 0, "word": 0, "ms": 99_000]]))
        #expect(moved.status == 200, "\(moved.text)")
        let movedFirst = try #require(try Self.words(moved).first)
        #expect((movedFirst["startMs"] as! Int) < (movedFirst["endMs"] as! Int))
        let beyond = try await client.send("PATCH", "\(base)/fr/timings", body: .json(["taps": [100, 7_000]]))
        #expect(beyond.status == 422 && beyond.errorCode == "invalid_timings", "\(beyond.text)")

        // History: every revision readable as it was.
        let history = try await client.get("\(base)/fr/revisions")
        let revisions = try #require(try history.json()["revisions"] as? [[String: Any]])
        #expect(revisions.map { $0["change"] as? String } == ["text", "timings", "import", "import", "import", "import", "timings"])
        let original = try await client.get("\(base)/fr?revision=1")
        #expect(try Self.words(original).allSatisfy { $0["startMs"] == nil })
        let list = try await client.get(base)
        #expect((try list.json()["transcripts"] as? [[String: Any]])?.first?["timed"] as? Bool == true)

        #expect(try await client.send("DELETE", "\(base)/fr").status == 204)
        #expect(try await client.get("\(base)/fr").status == 404)
    }

    @Test("broken and impossible transcripts get 4xx that say what and where; nothing is saved")
    func broken() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let created = try await client.send("POST", "/api/recordings", body: .bytes(LiveServerTests.speechWAV(seconds: 2)))
        let id = try #require(try created.json()["id"] as? String)
        let base = "/api/recordings/\(id)/transcripts"
        let cases: [([UInt8], Int, String, String)] = [
            (Array("WEBVTT\n\n00:00:00.500 --> soon\nBonjour\n".utf8), 400, "invalid_transcript", "line 3"),
            (Array("1\n00:00:00,500 --> 00:00:01,000\nBonjour\n\n2\n00:00:01,x00 --> 00:00:01,500\nAmina\n".utf8), 400, "invalid_transcript", "line 6"),
            (Array("{\"segments\": [".utf8), 400, "invalid_transcript", "JSON"),
            (Array("1\n00:00:00,500 --> 00:00:09,000\nBonjour\n".utf8), 422, "invalid_timings", "2000"),
            ([0x42, 0x6F, 0xFF, 0xFE, 0x6A], 400, "invalid_encoding", "UTF-8"),
            ([], 400, "empty_body", "no transcript"),
        ]
        for (body, status, code, message) in cases {
            let response = try await client.send("PUT", "\(base)/fr", body: .bytes(body))
            #expect(response.status == status && response.errorCode == code, "\(response.text)")
            #expect(response.errorMessage?.contains(message) == true, "\(message): \(response.text)")
        }
        let tooBig = try await client.send("PUT", "\(base)/fr", body: .bytes([UInt8](repeating: 0x61, count: 4 * 1_024 * 1_024 + 1)))
        #expect(tooBig.status == 413)
        #expect(try await client.get("\(base)/fr").status == 404)
        #expect(try await client.send("PUT", "\(base)/not_a_tag", body: .bytes(Array("x".utf8))).status == 400)
        #expect(try await client.get("\(base)/fr.docx").status == 404)
        #expect(try await client.send("PATCH", "\(base)/fr/timings", body: .json(["taps": [1]])).status == 404)
        // A JSON body beyond what the endpoint reads is 413, not a server error.
        let huge = try await client.send("PATCH", "\(base)/fr/timings", body: .json(["taps": Array(0..<40_000)]))
        #expect(huge.status == 413 && huge.errorCode == "payload_too_large", "\(huge.status) \(huge.text)")
        #expect(server.isRunning)
    }

    @Test("reading follows who may hear, writing who may manage; search shows only what one may hear")
    func accessAndSearch() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!
        var recordings: [String: String] = [:]
        for visibility in AccessMatrixTests.visibilities {
            let id = try await world.ownerRecording(visibility)
            recordings[visibility] = id
            let put = try await owner.send("PUT", "/api/recordings/\(id)/transcripts/fr",
                                           body: .bytes(Array("Mon fils va à l'École Jules-Ferry (\(visibility)).".utf8)))
            #expect(put.status == 201, "\(put.text)")
        }
        for (role, client) in world.clients {
            var found = try await client.get("/api/search?q=ecole&lang=fr").json()["results"] as? [[String: Any]] ?? []
            found.sort { ($0["recordingId"] as! String) < ($1["recordingId"] as! String) }
            var expected: [String] = []
            for (index, visibility) in AccessMatrixTests.visibilities.enumerated() {
                let id = recordings[visibility]!
                let read = try await client.get("/api/recordings/\(id)/transcripts/fr")
                #expect(read.status == AccessMatrixTests.hear[role]![index], "\(role) reads \(visibility): \(read.status)")
                let write = try await client.send("PUT", "/api/recordings/\(id)/transcripts/en", body: .bytes(Array("My son.".utf8)))
                let allowed = AccessMatrixTests.manage[role]![index]
                #expect(write.status == (allowed == 200 ? 201 : allowed), "\(role) writes \(visibility): \(write.status) \(write.text)")
                if allowed == 200 { #expect(try await client.send("DELETE", "/api/recordings/\(id)/transcripts/en").status == 204) }
                if AccessMatrixTests.hear[role]![index] == 200 { expected.append(id) }
            }
            #expect(found.map { $0["recordingId"] as! String } == expected.sorted(), "\(role) searching")
            if let hit = found.first {
                let snippet = hit["snippet"] as! String, match = (hit["matches"] as! [[Int]])[0]
                #expect((snippet as NSString).substring(with: NSRange(location: match[0], length: match[1])) == "École")
            }
        }
        let bad = try await world.admin.get("/api/search")
        #expect(bad.status == 400 && bad.errorCode == "invalid_parameter")
    }
}
