import Foundation
import Testing
import TestSupport

/// The learning path's exercises and attempts over HTTP, against the real server.
@Suite("Exercises API")
struct ExerciseAPITests {
    static let lesson = "Le matin, je vais à l'école avec ma fille.\nL'école est grande et la maîtresse est gentille.\nJ'ai 21 ans."

    /// Uploads a recording of `seconds`, puts `text` as its French transcript and times every word
    /// with taps; returns its id and its words (segment, index, text, start, end).
    static func timedRecording(_ client: HTTPTestClient, text: String = lesson, seconds: Double = 10,
                               query: String = "language=fr&title=Le%20matin") async throws -> (id: String, words: [[String: Any]]) {
        let created = try await client.send("POST", "/api/recordings?\(query)", body: .bytes(LiveServerTests.speechWAV(seconds: seconds)))
        try #require(created.status == 201, "\(created.text)")
        let id = try #require(try created.json()["id"] as? String)
        let put = try await client.send("PUT", "/api/recordings/\(id)/transcripts/fr", body: .bytes(Array(text.utf8)))
        try #require(put.status == 201, "\(put.text)")
        let count = try TranscriptAPITests.words(put).count
        let step = (Int(seconds * 1_000) - 400) / count
        let tapped = try await client.send("PATCH", "/api/recordings/\(id)/transcripts/fr/timings",
                                           body: .json(["taps": (0..<count).map { 200 + $0 * step }]))
        try #require(tapped.status == 200, "\(tapped.text)")
        var words: [[String: Any]] = []
        for (s, segment) in try TranscriptAPITests.segments(tapped).enumerated() {
            for (w, word) in (segment["words"] as? [[String: Any]] ?? []).enumerated() {
                words.append(["segment": s, "word": w, "text": word["text"]!, "startMs": word["startMs"]!, "endMs": word["endMs"]!])
            }
        }
        return (id, words)
    }

    static func word(_ words: [[String: Any]], segment: Int, _ index: Int) -> [String: Any] {
        words.first { $0["segment"] as? Int == segment && $0["word"] as? Int == index }!
    }

    /// Checks a slice: inside the recording, its fragment URL matching its times.
    static func checkSlice(_ slice: Any?, recording: String? = nil, durationMs: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let slice = slice as? [String: Any], let start = slice["startMs"] as? Int, let end = slice["endMs"] as? Int,
              let url = slice["url"] as? String, let fragment = slice["fragmentUrl"] as? String else {
            Issue.record("not a slice: \(String(describing: slice))", sourceLocation: sourceLocation)
            return
        }
        #expect(0 <= start && start < end && end <= durationMs, "\(slice)", sourceLocation: sourceLocation)
        if let recording { #expect(url == "/media/\(recording).opus", sourceLocation: sourceLocation) }
        let seconds = { (ms: Int) in String(format: "%d.%03d", ms / 1_000, ms % 1_000) }
        #expect(fragment == "\(url)#t=\(seconds(start)),\(seconds(end))", sourceLocation: sourceLocation)
    }

    @Test("each kind from one timed transcript: listen, read-along, gap-fill, dictation, repeat; 409 until timed")
    func kinds() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        // Not timed yet: every kind but listen asks for timings first.
        let created = try await client.send("POST", "/api/recordings?language=fr", body: .bytes(LiveServerTests.speechWAV(seconds: 4)))
        let untimed = try #require(try created.json()["id"] as? String)
        let none = try await client.get("/api/recordings/\(untimed)/exercises/dictation")
        #expect(none.status == 409 && none.errorCode == "not_timed" && none.errorMessage?.contains("transcript") == true, "\(none.text)")
        _ = try await client.send("PUT", "/api/recordings/\(untimed)/transcripts/fr", body: .bytes(Array("Bonjour Amina.".utf8)))
        for kind in ["read-along", "gap-fill", "dictation", "repeat"] {
            let response = try await client.get("/api/recordings/\(untimed)/exercises/\(kind)")
            #expect(response.status == 409 && response.errorCode == "not_timed" && response.errorMessage?.contains("timed first") == true,
                    "\(kind): \(response.text)")
        }
        #expect(try await client.get("/api/recordings/\(untimed)/exercises/listen").status == 200)

        let (id, words) = try await Self.timedRecording(client)
        let base = "/api/recordings/\(id)/exercises"
        let listen = try await client.get("\(base)/listen").json()
        #expect(listen["durationMs"] as? Int == 10_000 && listen["slowPlaybackRate"] as? Double == 0.75)
        Self.checkSlice(listen["audio"], recording: id, durationMs: 10_000)
        #expect((listen["segments"] as? [[String: Any]])?.count == 3)

        let readAlong = try await client.get("\(base)/read-along").json()
        let segments = try #require(readAlong["segments"] as? [[String: Any]])
        #expect(segments.count == 3 && readAlong["revision"] as? Int == 2)
        for (s, segment) in segments.enumerated() {
            Self.checkSlice(segment["audio"], recording: id, durationMs: 10_000)
            for (w, word) in (segment["words"] as? [[String: Any]] ?? []).enumerated() {
                let expected = Self.word(words, segment: s, w)
                let audio = word["audio"] as? [String: Any]
                #expect(audio?["startMs"] as? Int == expected["startMs"] as? Int && audio?["endMs"] as? Int == expected["endMs"] as? Int)
                Self.checkSlice(audio, recording: id, durationMs: 10_000)
            }
        }
        let one = try await client.get("\(base)/read-along?segment=1").json()
        #expect((one["segments"] as? [[String: Any]])?.map { $0["index"] as? Int } == [1] && one["nextSegment"] as? Int == 2)

        // A dictation gives the phrase's sound and length, nothing of its text.
        let dictation = try await client.get("\(base)/dictation?segment=1")
        let dictationJSON = try dictation.json()
        #expect(dictationJSON["wordCount"] as? Int == 8 && dictationJSON["text"] == nil && !dictation.text.contains("maîtresse"))
        #expect(dictationJSON["segmentCount"] as? Int == 3 && dictationJSON["nextSegment"] as? Int == 2)
        Self.checkSlice(dictationJSON["audio"], recording: id, durationMs: 10_000)
        #expect((dictationJSON["attempt"] as? [String: Any])?["segment"] as? Int == 1)

        let repeatLevel1 = try await client.get("\(base)/repeat?segment=0&level=1").json()
        #expect(repeatLevel1["text"] == nil && (repeatLevel1["upload"] as? [String: Any])?["method"] as? String == "POST")
        let repeatLevel2 = try await client.get("\(base)/repeat?segment=0&level=2").json()
        #expect(repeatLevel2["text"] as? String == "Le matin, je vais à l'école avec ma fille.")
    }

    @Test("gap-fill: the same seed gives the same exercise; gaps on content words; tiles speak themselves; no homographs")
    func gapFill() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        // Recordings of one group (the admin's, once a member), so that they share their words.
        let group = try #require(try await client.send("POST", "/api/groups", body: .json(["name": "Atelier"])).json()["id"] as? String)
        let me = try #require((try await client.get("/api/auth/me").json()["person"] as? [String: Any])?["id"] as? String)
        #expect(try await client.send("POST", "/api/groups/\(group)/members", body: .json(["personId": me])).status == 204)
        let (id, words) = try await Self.timedRecording(client)
        // Another recording of the group in the same language feeds the wrong tiles.
        let (other, otherWords) = try await Self.timedRecording(client, text: "Au marché, j'achète des tomates et du pain.", seconds: 5)
        let base = "/api/recordings/\(id)/exercises/gap-fill"
        var seenOther = false
        for level in 1...3 {
            let first = try await client.get("\(base)?segment=1&level=\(level)&seed=12345")
            let again = try await client.get("\(base)?segment=1&level=\(level)&seed=12345")
            #expect(first.status == 200 && first.body == again.body, "\(first.text)")
            let json = try first.json()
            #expect(json["seed"] as? Int == 12_345 && json["level"] as? Int == level)
            let gaps = try #require(json["gaps"] as? [[String: Any]])
            // Segment 1 has four content words: école, grande, maîtresse, gentille.
            #expect(gaps.count == [1, 2, 4][level - 1])
            for gap in gaps {
                let index = try #require(gap["word"] as? Int)
                let answer = Self.word(words, segment: 1, index)
                let options = try #require(gap["options"] as? [[String: Any]])
                #expect(options.count == level + 2)
                let texts = options.map { $0["text"] as? String ?? "" }
                let keys = texts.map { $0.lowercased().folding(options: .diacriticInsensitive, locale: nil) }
                #expect(Set(keys).count == keys.count, "\(texts)")
                let bare = (answer["text"] as! String).replacingOccurrences(of: "L'", with: "")
                #expect(texts.filter { $0.lowercased() == bare.lowercased() }.count == 1, "\(texts) \(bare)")
                for option in options {
                    let audio = option["audio"] as? [String: Any]
                    let url = audio?["url"] as? String
                    seenOther = seenOther || url == "/media/\(other).opus"
                    let source = url == "/media/\(other).opus" ? otherWords : words
                    Self.checkSlice(audio, durationMs: url == "/media/\(other).opus" ? 5_000 : 10_000)
                    let spoken = source.first { $0["startMs"] as? Int == audio?["startMs"] as? Int }
                    #expect(spoken?["endMs"] as? Int == audio?["endMs"] as? Int, "\(option)")
                }
            }
            // The pieces hide exactly the gaps and keep the punctuation.
            let pieces = try #require(json["pieces"] as? [[String: Any]])
            #expect(pieces.filter { $0["type"] as? String == "gap" }.count == gaps.count)
            #expect((pieces.last?["text"] as? String)?.hasSuffix(".") == true)
        }
        #expect(seenOther, "wrong tiles come from the group's other transcripts too")
        var tiles = Set<String>()
        for seed in 0..<6 {
            let gaps = try await client.get("\(base)?segment=1&level=3&seed=\(seed)").json()["gaps"] as? [[String: Any]] ?? []
            tiles.insert(gaps.map { ($0["options"] as? [[String: Any]] ?? []).map { $0["text"] as? String ?? "" }.joined(separator: ",") }
                .joined(separator: "|"))
        }
        #expect(tiles.count > 1, "other seeds, other tiles")
        // Without a seed, one is chosen and returned.
        let random = try await client.get(base).json()
        #expect(random["seed"] is Int && random["segment"] as? Int == 0)
    }

    @Test("bad exercise requests get 4xx naming the parameter")
    func badRequests() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let (id, _) = try await Self.timedRecording(client)
        let base = "/api/recordings/\(id)/exercises"
        for (query, field) in [("gap-fill?level=4", "level"), ("gap-fill?level=zero", "level"), ("dictation?segment=3", "segment"),
                               ("dictation?segment=-1", "segment"), ("gap-fill?seed=abc", "seed"), ("gap-fill?seed=9007199254740992", "seed"),
                               ("read-along?step=a%20b", "step"), ("read-along?step=\(String(repeating: "s", count: 121))", "step")] {
            let response = try await client.get("\(base)/\(query)")
            #expect(response.status == 422 && response.errorCode == "invalid_field" && response.errorMessage?.hasPrefix(field) == true,
                    "\(query): \(response.text)")
        }
        #expect(try await client.get("\(base)/karaoke").status == 404)
        #expect(try await client.get("\(base)/dictation?lang=en").status == 404)
        #expect(try await client.get("\(base)/dictation?lang=x").status == 400)
        #expect(try await client.get("/api/recordings/AAAAAAAAAAAAAAAAAAAAAA/exercises/listen").status == 404)
        #expect(server.isRunning)
    }

    @Test("attempts: dictation and gap-fill scored word by word, a repeat linked to its try, each stored and read back")
    func attempts() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let (id, _) = try await Self.timedRecording(client)

        let dictation = try await client.send("POST", "/api/attempts", body: .json([
            "kind": "dictation", "recordingId": id, "segment": 2, "level": 1, "answer": ["text": "jai vingt et un an"],
        ]))
        #expect(dictation.status == 201, "\(dictation.text)")
        let scored = try dictation.json()
        let marks = try #require(scored["marks"] as? [[String: Any]])
        #expect(marks.map { $0["mark"] as? String } == ["correct", "correct", "close"])
        #expect(marks.map { $0["written"] as? String } == ["jai", "vingt et un", "an"])
        #expect((marks[1]["differences"] as? [String]) == ["number"])
        #expect(scored["score"] as? Int == 83 && scored["expectedText"] as? String == "J'ai 21 ans.")
        let location = try #require(dictation.header("Location"))
        let readBack = try await client.get(location).json()
        #expect(readBack["score"] as? Int == 83 && (readBack["marks"] as? [[String: Any]])?.count == 3)
        #expect((readBack["answer"] as? [String: Any])?["text"] as? String == "jai vingt et un an")

        // A gap-fill answered with the exercise's own tiles: the right ones score 100.
        let exercise = try await client.get("/api/recordings/\(id)/exercises/gap-fill?segment=1&level=3&seed=3").json()
        let gaps = try #require(exercise["gaps"] as? [[String: Any]])
        var template = try #require(exercise["attempt"] as? [String: Any])
        let answers = try Self.lessonAnswers()
        template["answer"] = ["choices": gaps.map { gap in ["word": gap["word"]!, "text": answers[gap["word"] as! Int]] }]
        let right = try await client.send("POST", "/api/attempts", body: .json(template))
        #expect(try right.status == 201 && right.json()["score"] as? Int == 100, "\(right.text)")
        // A wrong tile and an empty gap.
        let firstGap = gaps[0], wrongTile = (firstGap["options"] as! [[String: Any]]).map { $0["text"] as! String }
            .first { $0.lowercased() != answers[firstGap["word"] as! Int].lowercased() }!
        template["answer"] = ["choices": [["word": gaps[0]["word"]!, "text": wrongTile], ["word": gaps[1]["word"]!, "text": NSNull()]]]
        let wrong = try await client.send("POST", "/api/attempts", body: .json(template))
        #expect(try wrong.json()["score"] as? Int == 0)
        #expect(try (wrong.json()["marks"] as? [[String: Any]])?.compactMap { $0["mark"] as? String }.sorted() == ["missing", "wrong"])

        // Repeat: the try is an ordinary upload, private, linked to the attempt.
        let tryUpload = try await client.send("POST", "/api/recordings?language=fr&title=try", body: .bytes(LiveServerTests.speechWAV(seconds: 3)))
        let tryId = try #require(try tryUpload.json()["id"] as? String)
        #expect(try tryUpload.json()["visibility"] as? String == "private")
        let repeated = try await client.send("POST", "/api/attempts", body: .json([
            "kind": "repeat", "recordingId": id, "segment": 0, "answer": ["recordingId": tryId],
        ]))
        #expect(repeated.status == 201, "\(repeated.text)")
        let repeatJSON = try repeated.json()
        #expect(repeatJSON["score"] is NSNull || repeatJSON["score"] == nil)
        let tryJSON = try #require(repeatJSON["try"] as? [String: Any])
        #expect(tryJSON["recordingId"] as? String == tryId)
        Self.checkSlice(tryJSON["audio"], recording: tryId, durationMs: 3_000)
        Self.checkSlice(repeatJSON["audio"], recording: id, durationMs: 10_000)

        // Listening and reading along are recorded as done.
        for kind in ["listen", "read-along"] {
            let done = try await client.send("POST", "/api/attempts", body: .json(["kind": kind, "recordingId": id]))
            #expect(try done.status == 201 && (done.json()["marks"] as? [Any])?.isEmpty == true, "\(kind): \(done.text)")
        }
    }

    /// The bare words of the lesson's segment 1, by index, as its tiles show them.
    static func lessonAnswers() throws -> [String] {
        ["école", "est", "grande", "et", "la", "maîtresse", "est", "gentille"]
    }

    @Test("bad attempts: 422 naming the field, 409 without a timed transcript, 413 past a megabyte; never a 500")
    func badAttempts() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let (id, _) = try await Self.timedRecording(client)
        let other = try await client.send("POST", "/api/recordings", body: .bytes(LiveServerTests.speechWAV(seconds: 1)))
        let bare = try #require(try other.json()["id"] as? String)
        let long = String(repeating: "bonjour ", count: 300)
        let cases: [([String: Any], String)] = [
            ([:], "kind"),
            (["kind": "essay", "recordingId": id], "kind"),
            (["kind": "dictation"], "recordingId"),
            (["kind": "dictation", "recordingId": "AAAAAAAAAAAAAAAAAAAAAA", "segment": 0, "answer": ["text": "x"]], "recordingId"),
            (["kind": "dictation", "recordingId": id, "answer": ["text": "x"]], "segment"),
            (["kind": "dictation", "recordingId": id, "segment": 7, "answer": ["text": "x"]], "segment"),
            (["kind": "dictation", "recordingId": id, "segment": 1.5, "answer": ["text": "x"]], "segment"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "level": 0, "answer": ["text": "x"]], "level"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "level": "2", "answer": ["text": "x"]], "level"),
            (["kind": "dictation", "recordingId": id, "segment": 0], "answer.text"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "answer": "bonjour"], "answer"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "answer": ["text": ["bonjour"]]], "answer.text"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "answer": ["text": long]], "answer.text"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "answer": ["text": String(repeating: "a ", count: 400)]], "answer.text"),
            (["kind": "gap-fill", "recordingId": id, "segment": 0, "answer": ["choices": []]], "answer.choices"),
            (["kind": "gap-fill", "recordingId": id, "segment": 0, "answer": ["choices": [["word": 42, "text": "école"]]]], "answer.choices[0].word"),
            (["kind": "gap-fill", "recordingId": id, "segment": 0, "answer": ["choices": [["word": 1, "text": "a"], ["word": 1, "text": "b"]]]],
             "answer.choices[1].word"),
            (["kind": "gap-fill", "recordingId": id, "segment": 0, "answer": ["choices": [["text": "école"]]]], "answer.choices[0].word"),
            (["kind": "gap-fill", "recordingId": id, "segment": 0, "answer": ["choices": [["word": 1, "text": 3]]]], "answer.choices[0].text"),
            (["kind": "repeat", "recordingId": id, "segment": 0, "answer": ["recordingId": "nope"]], "answer.recordingId"),
            (["kind": "repeat", "recordingId": id, "segment": 0, "answer": ["recordingId": id]], "answer.recordingId"),
            (["kind": "listen", "recordingId": id, "segment": 0], "segment"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "language": "en", "answer": ["text": "x"]], "language"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "revision": 9, "answer": ["text": "x"]], "revision"),
            (["kind": "dictation", "recordingId": id, "segment": 0, "step": "a b", "answer": ["text": "x"]], "step"),
        ]
        for (body, field) in cases {
            let response = try await client.send("POST", "/api/attempts", body: .json(body))
            #expect(response.status == 422 && response.errorCode == "invalid_field" && response.errorMessage?.hasPrefix("\(field):") == true,
                    "\(body): \(response.status) \(response.text)")
        }
        let untimed = try await client.send("POST", "/api/attempts", body: .json(["kind": "dictation", "recordingId": bare, "segment": 0,
                                                                                  "answer": ["text": "x"]]))
        #expect(untimed.status == 409 && untimed.errorCode == "not_timed", "\(untimed.text)")
        #expect(try await client.send("POST", "/api/attempts", body: .bytes(Array("[1, 2]".utf8))).errorCode == "invalid_json")
        #expect(try await client.send("POST", "/api/attempts", body: .bytes(Array("{".utf8))).errorCode == "invalid_json")
        let huge = try await client.send("POST", "/api/attempts", body: .json(["kind": "dictation", "recordingId": id, "segment": 0,
                                                                               "answer": ["text": String(repeating: "a", count: 1 << 20)]]))
        #expect(huge.status == 413)
        #expect(try await server.anonymous.send("POST", "/api/attempts", body: .json(["kind": "listen", "recordingId": id])).status == 401)
        // An older revision can be scored against, as the exercise was made from it.
        let older = try await client.send("POST", "/api/attempts", body: .json(["kind": "dictation", "recordingId": id, "segment": 2, "revision": 1,
                                                                                "answer": ["text": "J'ai 21 ans."]]))
        #expect(try older.status == 201 && older.json()["revision"] as? Int == 1, "\(older.text)")
        #expect(server.isRunning)
    }
}
