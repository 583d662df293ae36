import AudioCodec
import Foundation
import Testing
import TestSupport

/// Against the real `parlons serve` process on loopback, each test twice: on a real SQLite file
/// and media root, and on the network's engines (a PostgreSQL database and an S3 bucket, the
/// media root then only staging uploads).
@Suite("Live server: record → Ogg Opus → listen", .serialized)
struct LiveServerTests {
    static func speechWAV(seconds: Double = 2, rate: Int = 16_000) -> [UInt8] {
        TestWAV.make(Signals.sweep(from: 150, to: 3_000, sampleRate: rate, seconds: seconds), sampleRate: rate)
    }

    static func incomingFiles(_ server: ServerProcess) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: server.mediaRoot.appendingPathComponent("recordings/.incoming").path)
    }

    @Test("upload, list, fetch, ranges, validators, WAV fallback, rename, narrow, delete; audio from memory and from disk",
          arguments: [[], ["--media-cache", "0"]], LiveStores.allCases)
    func fullLifecycle(cacheArguments: [String], stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library, arguments: cacheArguments)
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let wav = Self.speechWAV()

        let created = try await client.send("POST", "/api/recordings?title=Chez%20le%20m%C3%A9decin&language=fr-FR",
                                            headers: [("Content-Type", "audio/wav")], body: .bytes(wav))
        #expect(created.status == 201, "\(created.text)")
        let json = try created.json()
        let id = try #require(json["id"] as? String)
        #expect(created.header("Location") == "/api/recordings/\(id)")
        #expect(json["title"] as? String == "Chez le médecin")
        #expect(json["language"] as? String == "fr-FR")
        #expect(json["durationMs"] as? Int == 2_000)
        #expect(json["bitrate"] as? Int == 24_000)
        #expect(json["audioUrl"] as? String == "/media/\(id).opus")
        #expect(json["wavUrl"] as? String == "/media/\(id).wav")
        #expect((json["createdAt"] as? String)?.hasSuffix("Z") == true)
        let sha = try #require(json["sha256"] as? String)
        let stored = try #require(try library.storedRecording(sha256: sha, mediaRoot: server.mediaRoot))
        #expect(json["bytes"] as? Int == stored.count)

        let list = try await client.get("/api/recordings").json()
        let listed = try #require(list["recordings"] as? [[String: Any]])
        #expect(listed.map { $0["id"] as? String } == [id])
        let shown = try await client.get("/api/recordings/\(id)")
        #expect(try shown.status == 200 && shown.json()["sha256"] as? String == sha)

        // The whole file, byte for byte, with its headers.
        let whole = try await client.get("/media/\(id).opus")
        #expect(whole.status == 200 && whole.body == stored)
        #expect(whole.header("Content-Type") == "audio/ogg; codecs=opus")
        #expect(whole.header("Accept-Ranges") == "bytes")
        #expect(whole.header("ETag") == "\"\(sha)\"")
        // New recordings are private: kept out of shared caches and revalidated.
        #expect(whole.header("Cache-Control") == "private, no-cache")
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 404)
        #expect(whole.header("Content-Length") == "\(stored.count)")
        // The server's file decodes back to the uploaded length at 48 kHz.
        #expect(try AudioDecoding.oggOpus(whole.body).samples.count == 2 * 48_000)

        let n = stored.count
        let ranges: [(String, Range<Int>)] = [("bytes=0-99", 0..<100), ("bytes=100-", 100..<n), ("bytes=-500", (n - 500)..<n),
                                              ("bytes=10-10", 10..<11), ("bytes=\(n - 5)-\(n + 1_000)", (n - 5)..<n)]
        for (header, expected) in ranges {
            let part = try await client.get("/media/\(id).opus", headers: [("Range", header)])
            #expect(part.status == 206, "\(header)")
            #expect(part.body == Array(stored[expected]), "\(header)")
            #expect(part.header("Content-Range") == "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/\(n)", "\(header)")
        }
        let notModified = try await client.get("/media/\(id).opus", headers: [("If-None-Match", "\"\(sha)\"")])
        #expect(notModified.status == 304 && notModified.body.isEmpty && notModified.header("ETag") == "\"\(sha)\"")
        let unsatisfiable = try await client.get("/media/\(id).opus", headers: [("Range", "bytes=\(n)-")])
        #expect(unsatisfiable.status == 416 && unsatisfiable.header("Content-Range") == "bytes */\(n)")
        #expect(unsatisfiable.errorCode == "range_not_satisfiable")
        let staleIfRange = try await client.get("/media/\(id).opus", headers: [("Range", "bytes=0-9"), ("If-Range", "\"other\"")])
        #expect(staleIfRange.status == 200 && staleIfRange.body == stored)
        let freshIfRange = try await client.get("/media/\(id).opus", headers: [("Range", "bytes=0-9"), ("If-Range", "\"\(sha)\"")])
        #expect(freshIfRange.status == 206 && freshIfRange.body == Array(stored[0..<10]))
        let head = try await client.send("HEAD", "/media/\(id).opus")
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Length") == "\(n)")

        // The WAV fallback: 16-bit 48 kHz mono, the same samples our decoder gives.
        let wavResponse = try await client.get("/media/\(id).wav")
        #expect(wavResponse.status == 200 && wavResponse.header("Content-Type") == "audio/wav")
        let fallback = try AudioDecoding.wav(wavResponse.body)
        #expect(fallback.format == WAVFormat(encoding: .integer, bitsPerSample: 16, channels: 1, sampleRate: 48_000))
        let reference = try AudioDecoding.oggOpus(stored).samples
        #expect(fallback.samples.count == reference.count)
        #expect(zip(fallback.samples, reference).allSatisfy { abs($0 - $1) <= 1.0 / 16_000 })

        let renamed = try await client.send("PATCH", "/api/recordings/\(id)", headers: [("Content-Type", "application/json")],
                                            body: .bytes(Array(#"{"title":"Au marché","language":"fr"}"#.utf8)))
        #expect(renamed.status == 200)
        #expect(try renamed.json()["title"] as? String == "Au marché")
        #expect(try await client.get("/api/recordings/\(id)").json()["language"] as? String == "fr")

        // Once the owner consents, a public recording is cached by anyone for a year.
        let consent = try await client.send("POST", "/api/recordings/\(id)/consent",
                                            body: .bytes(Array(#"{"visibility":"public","method":"tap"}"#.utf8)))
        #expect(consent.status == 201, "\(consent.text)")
        let published = try await server.anonymous.get("/media/\(id).opus")
        #expect(published.status == 200 && published.body == stored)
        #expect(published.header("Cache-Control") == "public, max-age=31536000, immutable")
        #expect(try await server.anonymous.get("/media/\(id).opus", headers: [("Range", "bytes=0-9")]).body == Array(stored[0..<10]))
        // Narrowing takes effect at once, though the public row and file were just served from memory.
        let narrowed = try await client.send("PATCH", "/api/recordings/\(id)", headers: [("Content-Type", "application/json")],
                                             body: .bytes(Array(#"{"visibility":"private"}"#.utf8)))
        #expect(narrowed.status == 200, "\(narrowed.text)")
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 404)
        #expect(try await client.get("/media/\(id).opus").body == stored)
        _ = try await client.send("POST", "/api/recordings/\(id)/consent", body: .bytes(Array(#"{"visibility":"public","method":"tap"}"#.utf8)))
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 200)

        let deleted = try await client.send("DELETE", "/api/recordings/\(id)")
        #expect(deleted.status == 204)
        // The owner learns it was withdrawn; anyone else cannot tell it ever existed.
        let gone = try await client.get("/api/recordings/\(id)")
        #expect(gone.status == 410 && gone.errorCode == "withdrawn")
        #expect(try await server.anonymous.get("/api/recordings/\(id)").status == 404)
        #expect(try await client.get("/media/\(id).opus").status == 404)
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 404)
        #expect(try await client.get("/media/\(id).wav").status == 404)
        #expect(try library.storedRecording(sha256: sha, mediaRoot: server.mediaRoot) == nil)
        #expect(try await client.send("DELETE", "/api/recordings/\(id)").status == 410)
    }

    @Test("broken and foreign audio get 4xx JSON that says what is wrong; nothing is stored", arguments: LiveStores.allCases)
    func badAudio(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        var mp3Tag = Self.speechWAV(seconds: 0.2)
        mp3Tag.replaceSubrange(20..<22, with: [0x55, 0x00])
        var noData = Array(Self.speechWAV(seconds: 0.2)[0..<36])
        noData.replaceSubrange(4..<8, with: [28, 0, 0, 0])
        let cases: [([UInt8], Int, String, String)] = [
            (mp3Tag, 400, "invalid_audio", "unsupported WAV format tag 0x0055"),
            (noData, 400, "invalid_audio", "WAV data chunk missing"),
            (Array(Self.speechWAV(seconds: 0.5).dropLast(1_000)), 400, "invalid_audio", "WAV data truncated"),
            (Array(Self.speechWAV()[0..<20]), 400, "invalid_audio", "WAV header truncated"),
            (Array("OggS".utf8) + [UInt8](repeating: 0, count: 100), 400, "invalid_audio", "Ogg"),
            ([0x1A, 0x45, 0xDF, 0xA3] + [UInt8](repeating: 0, count: 100), 400, "invalid_audio", "WebM"),
            (Array("ID3".utf8) + [UInt8](repeating: 0, count: 100), 400, "invalid_audio", "the audio does not decode"),
            (Array("fLaC".utf8) + [UInt8](repeating: 0, count: 100), 400, "invalid_audio", "the audio does not decode"),
            (Array("caff".utf8) + [UInt8](repeating: 0, count: 100), 415, "unsupported_media_type", "CAF uploads are not accepted"),
            (Array("hello, this is not audio at all".utf8), 415, "unsupported_media_type", "unrecognised audio format"),
            ([], 400, "empty_body", "no audio"),
        ]
        for (body, status, code, message) in cases {
            // A Content-Type that claims WAV changes nothing: the bytes decide.
            let response = try await client.send("POST", "/api/recordings", headers: [("Content-Type", "audio/wav")], body: .bytes(body))
            #expect(response.status == status, "\(message): \(response.text)")
            #expect(response.errorCode == code, "\(response.text)")
            #expect(response.errorMessage?.contains(message) == true, "\(response.text)")
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        }
        // A real WAV sent with a lying type is still taken.
        let lying = try await client.send("POST", "/api/recordings", headers: [("Content-Type", "application/json")],
                                          body: .bytes(Self.speechWAV(seconds: 0.3)))
        #expect(lying.status == 201)
        #expect((try await client.get("/api/recordings").json()["recordings"] as? [Any])?.count == 1)
        #expect(try Self.incomingFiles(server).isEmpty)
        #expect(server.isRunning)
    }

    @Test("Ogg Opus and WebM Opus uploads are re-muxed, not re-encoded", arguments: LiveStores.allCases)
    func browserFormats(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav")
        try Data(try ExternalTool.speechWAV()).write(to: wav)
        let ogg = directory.appendingPathComponent("voice.opus"), webm = directory.appendingPathComponent("voice.webm")
        try await ExternalTool.run("opusenc", ["--quiet", "--bitrate", "16", wav.path, ogg.path])
        try await ExternalTool.run("ffmpeg", ["-loglevel", "error", "-i", wav.path, "-c:a", "libopus", webm.path])
        for (file, format) in [(ogg, "ogg/opus"), (webm, "webm/opus")] {
            let bytes = [UInt8](try Data(contentsOf: file))
            let created = try await server.client.send("POST", "/api/recordings", headers: [("Content-Type", "audio/wav")], body: .bytes(bytes))
            #expect(created.status == 201, "\(created.text)")
            let json = try created.json()
            #expect(json["sourceFormat"] as? String == format)
            let id = try #require(json["id"] as? String)
            let stored = try await server.client.get("/media/\(id).opus").body
            let source = try OggPageScanner.packets(format == "ogg/opus" ? bytes : stored)
            #expect(try OggPageScanner.packets(stored).count == source.count)
            let decoded = try AudioDecoding.oggOpus(stored)
            #expect(abs(decoded.samples.count - (json["durationMs"] as? Int ?? 0) * 48) <= 48)
        }
    }

    @Test("browser recordings (Chromium WebM and MP4) are stored; a corrupted Opus packet inside one gets 400", arguments: LiveStores.allCases)
    func chromiumUploads(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        for (name, format) in [("chromium-webm-opus.webm", "webm/opus"), ("chromium-mp4-opus.mp4", "mp4/opus")] {
            let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
            let created = try await server.client.send("POST", "/api/recordings", headers: [("Content-Type", "video/webm")], body: .bytes(bytes))
            #expect(try created.status == 201 && created.json()["sourceFormat"] as? String == format, "\(created.text)")
        }
        // An Ogg Opus stream whose container is valid but one packet is not Opus libopus can decode:
        // code 3, two constant-size frames, in an odd number of bytes.
        let (valid, _) = try AudioDecoding.encode(Self.speechWAV(seconds: 1), settings: OpusEncoderSettings())
        let packets = try OggPageScanner.packets(valid)
        var rebuilt: [UInt8] = []
        let writer = try OggOpusStreamWriter(head: try packets[0].withUnsafeBytes { try OpusHead(parsing: $0) },
                                             tags: OpusTags()) { rebuilt.append(contentsOf: $0) }
        for (index, packet) in packets.dropFirst(2).enumerated() {
            let bytes: [UInt8] = index == 20 ? [0xFB, 0x02, 0x00] : packet
            try bytes.withUnsafeBytes { try writer.write(packet: $0, duration: try OpusPacket.duration(of: $0)) }
        }
        try writer.finish()
        #expect(throws: OpusError.self) { _ = try AudioDecoding.oggOpus(rebuilt) }
        let corrupted: [UInt8]? = rebuilt
        let bad = try #require(corrupted)
        let refused = try await server.client.send("POST", "/api/recordings", body: .bytes(bad))
        #expect(refused.status == 400 && refused.errorCode == "invalid_audio", "\(refused.text)")
        #expect(try Self.incomingFiles(server).isEmpty)
    }

    @Test("files trainers bring (MP3, FLAC, AAC, chained and 5.1 Ogg, voice notes) are stored; broken ones get 4xx", arguments: LiveStores.allCases)
    func trainerFiles(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        func fixture(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name))) }
        let formats = [("lame.mp3", "mp3/mp3"), ("speech.flac", "flac/flac"), ("aac.m4a", "mp4/aac"), ("chained.opus", "ogg/opus-chained"),
                       ("surround-5.1.opus", "ogg/opus-6ch"), ("whatsapp-16k.opus", "ogg/opus")]
        var loudness: [Double] = []
        for (name, format) in formats {
            let created = try await server.client.send("POST", "/api/recordings", body: .bytes(try fixture(name)))
            let json = try created.json()
            #expect(created.status == 201 && json["sourceFormat"] as? String == format, "\(name): \(created.text)")
            // The sentence lasts 4.097 s in every file (AAC adds its 13 ms of priming).
            let duration = json["durationMs"] as? Int ?? 0
            #expect(abs(duration - 4_097) <= 20, "\(name): \(duration) ms")
            // Measured on what was stored (for the chained file, after the re-mux was thrown away):
            // the same sentence, so the same loudness within a little codec colour.
            // (The 5.1 file is mixed quieter on purpose: its rear channels carry half the level.)
            let measured = try #require(json["loudnessLUFS"] as? Double, "\(name): \(created.text)")
            if !name.hasPrefix("surround") { loudness.append(measured) }
            let id = try #require(json["id"] as? String)
            let wav = try await server.client.get("/media/\(id).wav")
            let samples = try AudioDecoding.wav(wav.body).samples
            #expect(abs(samples.count - duration * 48) <= 48, "\(name): \(samples.count) samples")
        }
        #expect(loudness.max()! - loudness.min()! < 1.5, "\(loudness)")
        let aac = try fixture("aac.m4a")
        let refusals: [([UInt8], Int, String)] = [
            (Array(aac.prefix(aac.count / 2)), 400, "moov atom not found"),
            (Array(try fixture("speech.flac").prefix(30_000)), 400, "does not decode"),
            (Array(try fixture("chained.opus").dropLast(100)), 400, "Ogg"),
        ]
        for (body, status, message) in refusals {
            let refused = try await server.client.send("POST", "/api/recordings", body: .bytes(body))
            #expect(refused.status == status && refused.errorMessage?.contains(message) == true, "\(refused.text)")
        }
        // A video with no sound: FFmpeg finds no audio stream.
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let video = directory.appendingPathComponent("video.mp4")
        try await ExternalTool.run("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc=d=0.5:s=64x48", "-c:v", "mpeg4", video.path])
        let silent = try await server.client.send("POST", "/api/recordings", body: .bytes([UInt8](try Data(contentsOf: video))))
        #expect(silent.status == 415 && silent.errorMessage?.contains("no audio") == true, "\(silent.text)")
        #expect((try await server.client.get("/api/recordings").json()["recordings"] as? [Any])?.count == formats.count)
        #expect(try Self.incomingFiles(server).isEmpty)
        #expect(server.isRunning)
    }

    @Test("invalid fields, ids, methods and paths get the right status", arguments: LiveStores.allCases)
    func badRequests(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let created = try await client.send("POST", "/api/recordings", body: .bytes(Self.speechWAV(seconds: 0.2)))
        let id = try #require(try created.json()["id"] as? String)
        let checks: [(String, String, [UInt8]?, Int, String)] = [
            ("POST", "/api/recordings?language=not%20a%20tag", Self.speechWAV(seconds: 0.1), 422, "invalid_field"),
            ("POST", "/api/recordings?title=" + String(repeating: "a", count: 201), Self.speechWAV(seconds: 0.1), 422, "invalid_field"),
            ("PATCH", "/api/recordings/\(id)", Array(#"{"language":"12"}"#.utf8), 422, "invalid_field"),
            ("PATCH", "/api/recordings/\(id)", Array(#"{"title": 5}"#.utf8), 400, "invalid_json"),
            ("PATCH", "/api/recordings/\(id)", Array("not json".utf8), 400, "invalid_json"),
            ("PATCH", "/api/recordings/AAAAAAAAAAAAAAAAAAAAAA", Array(#"{"title":"x"}"#.utf8), 404, "not_found"),
            ("GET", "/api/recordings?limit=0", nil, 400, "invalid_parameter"),
            ("GET", "/api/recordings?limit=abc", nil, 400, "invalid_parameter"),
            ("GET", "/api/recordings?cursor=nonsense!", nil, 400, "invalid_parameter"),
            ("GET", "/api/recordings/short", nil, 404, "not_found"),
            ("GET", "/media/..%2F..%2Fparlons.sqlite", nil, 404, "not_found"),
            ("GET", "/media/\(id).mp3", nil, 404, "not_found"),
            ("GET", "/media/\(id)", nil, 404, "not_found"),
            ("GET", "/media/../parlons.sqlite", nil, 404, "not_found"),
            ("GET", "/nowhere", nil, 404, "not_found"),
            ("PUT", "/api/recordings", [1], 405, "method_not_allowed"),
            ("DELETE", "/media/\(id).opus", nil, 405, "method_not_allowed"),
            ("POST", "/healthz", [1], 405, "method_not_allowed"),
        ]
        for (method, path, body, status, code) in checks {
            let response = try await client.send(method, path, body: body.map { .bytes($0) } ?? .none)
            #expect(response.status == status, "\(method) \(path): \(response.text)")
            #expect(response.errorCode == code, "\(method) \(path): \(response.text)")
        }
        let notAllowed = try await client.send("PUT", "/api/recordings/\(id)", body: .bytes([1]))
        #expect(notAllowed.header("Allow") == "GET, PATCH, DELETE, HEAD")
        let health = try await client.get("/healthz")
        #expect(try health.status == 200 && health.json()["status"] as? String == "ok")
    }

    @Test("listing pages newest first with an opaque cursor", arguments: LiveStores.allCases)
    func paging(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        var ids: [String] = []
        for index in 0..<5 {
            let response = try await client.send("POST", "/api/recordings?title=n\(index)", body: .bytes(Self.speechWAV(seconds: 0.1)))
            ids.append(try #require(try response.json()["id"] as? String))
        }
        var seen: [String] = []
        var path = "/api/recordings?limit=2"
        while true {
            let page = try await client.get(path).json()
            seen += (page["recordings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let cursor = page["nextCursor"] as? String else { break }
            path = "/api/recordings?limit=2&cursor=\(cursor)"
        }
        #expect(seen == ids.reversed())
    }

    @Test("uploads over the limit get 413 at once, streamed or not; nothing is stored", arguments: LiveStores.allCases)
    func tooLarge(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library, arguments: ["--max-upload", "100000"])
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let big = Self.speechWAV(seconds: 4)  // 128 KB
        let declared = try await client.send("POST", "/api/recordings", body: .bytes(big))
        #expect(declared.status == 413 && declared.errorCode == "payload_too_large")
        let streamed = try await client.send("POST", "/api/recordings", body: .chunked(big, pieceSize: 8_192))
        #expect(streamed.status == 413 && streamed.errorCode == "payload_too_large")
        let small = try await client.send("POST", "/api/recordings", body: .chunked(Self.speechWAV(seconds: 1), pieceSize: 1_000))
        #expect(small.status == 201)
        #expect((try await client.get("/api/recordings").json()["recordings"] as? [Any])?.count == 1)
        #expect(try Self.incomingFiles(server).isEmpty)
    }

    @Test("an upload cut off half-way stores nothing", arguments: LiveStores.allCases)
    func cutOff(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let wav = Self.speechWAV(seconds: 6)
        // With a known data size and with the streaming (unknown) size: neither may be stored.
        var streaming = wav
        streaming.replaceSubrange(40..<44, with: [0xFF, 0xFF, 0xFF, 0xFF])
        for body in [wav, streaming] {
            await #expect(throws: HTTPTestClient.Failure.self) {
                _ = try await client.send("POST", "/api/recordings", body: .cutOff(Array(body.prefix(body.count / 2)), declaredLength: body.count))
            }
        }
        // Give the server a moment to notice the closed connections.
        for _ in 0..<50 where try !Self.incomingFiles(server).isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try Self.incomingFiles(server).isEmpty)
        #expect((try await client.get("/api/recordings").json()["recordings"] as? [Any])?.count == 0)
        #expect(try await client.get("/healthz").status == 200)
    }

    @Test("20 concurrent uploads are all stored with distinct ids", arguments: LiveStores.allCases)
    func concurrentUploads(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let server = try await ServerProcess.start(library: library)
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let wav = TestWAV.make(Signals.sine(frequency: 200 + Double(index) * 50, sampleRate: 24_000, seconds: 1.5), sampleRate: 24_000)
                    let response = try await client.send("POST", "/api/recordings?title=c\(index)", body: .chunked(wav, pieceSize: 4_096))
                    #expect(response.status == 201, "\(response.text)")
                    return try #require(try response.json()["id"] as? String)
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 20)
        let listed = try await client.get("/api/recordings?limit=200").json()["recordings"] as? [[String: Any]]
        #expect(Set(listed?.compactMap { $0["id"] as? String } ?? []) == Set(ids))
    }

    @Test("a restarted server on the same media root lists and serves everything", arguments: LiveStores.allCases)
    func restart(stores: LiveStores) async throws {
        let library = try await LiveLibrary.make(stores)
        defer { library.remove() }
        let first = try await ServerProcess.start(library: library)
        defer { first.removeMediaRoot() }
        var stored: [String: [UInt8]] = [:]
        for index in 0..<3 {
            let response = try await first.client.send("POST", "/api/recordings?title=r\(index)", body: .bytes(Self.speechWAV(seconds: 0.5 + Double(index))))
            let id = try #require(try response.json()["id"] as? String)
            stored[id] = try await first.client.get("/media/\(id).opus").body
        }
        await first.stop()
        let second = try await ServerProcess.start(mediaRoot: first.mediaRoot, library: library)
        defer { second.stop() }
        let listed = try await second.client.get("/api/recordings").json()["recordings"] as? [[String: Any]]
        #expect(Set(listed?.compactMap { $0["id"] as? String } ?? []) == Set(stored.keys))
        for (id, bytes) in stored {
            #expect(try await second.client.get("/media/\(id).opus").body == bytes)
        }
    }
}
