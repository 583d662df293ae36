import Foundation
import Testing
import TestSupport

/// `POST …/transcripts/{lang}/align` against the real server, on speech whose phrase boundaries
/// are known: phrases spoken one by one by espeak-ng (in another voice than the aligner's
/// synthesis), joined with sox with known silences between them.
@Suite("Transcript alignment API")
struct TranscriptAlignAPITests {
    static let phrases = ["Bonjour, je m'appelle Amina.", "J'habite à Lyon depuis un an.", "Mon fils va à l'école du quartier."]

    /// The joined speech and each phrase's true start and end in ms.
    static func speech(voice: String) throws -> (wav: [UInt8], truth: [(Int, Int)]) {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var parts: [String] = [], truth: [(Int, Int)] = [], at = 400
        let silence = directory.appendingPathComponent("silence.wav")
        try ExternalTool.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", silence.path, "trim", "0", "0.4"])
        parts.append(silence.path)
        for (index, phrase) in phrases.enumerated() {
            let raw = directory.appendingPathComponent("raw\(index).wav"), part = directory.appendingPathComponent("p\(index).wav")
            try ExternalTool.run("espeak-ng", ["-v", voice, "-s", "150", "-w", raw.path, phrase])
            // Trimmed to the speech itself, so the truth is where the sound is.
            try ExternalTool.run("sox", [raw.path, "-r", "16000", "-c", "1", "-b", "16", part.path,
                                         "silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%", "reverse"])
            let seconds = Double(try ExternalTool.run("soxi", ["-D", part.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            let length = Int((seconds * 1_000).rounded())
            truth.append((at, at + length))
            at += length + 400
            parts += [part.path, silence.path]
        }
        let joined = directory.appendingPathComponent("joined.wav")
        try ExternalTool.run("sox", parts + [joined.path])
        return ([UInt8](try Data(contentsOf: joined)), truth)
    }

    @Test("eSpeak languages and others are aligned; phrases land on the truth; manual marks are kept unless overwritten")
    func align() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let client = server.client
        // A dozen eSpeak and SoX runs: on a thread of their own, not one async tests share.
        let (wav, truth) = try await onOwnThread { try Self.speech(voice: "fr+f3") }
        let created = try await client.send("POST", "/api/recordings?language=fr", body: .bytes(wav))
        let id = try #require(try created.json()["id"] as? String)
        let base = "/api/recordings/\(id)/transcripts"
        let text = Self.phrases.joined(separator: "\n")
        for language in ["fr", "rom"] {
            #expect(try await client.send("PUT", "\(base)/\(language)", body: .bytes(Array(text.utf8))).status == 201)
            let aligned = try await client.send("POST", "\(base)/\(language)/align")
            let change = try aligned.json()["change"] as? String
            #expect(aligned.status == 200 && change == "align", "\(language): \(aligned.text)")
            let segments = try TranscriptAPITests.segments(aligned)
            #expect(segments.count == truth.count)
            for (segment, (start, end)) in zip(segments, truth) {
                let gotStart = segment["startMs"] as? Int ?? -1, gotEnd = segment["endMs"] as? Int ?? -1
                #expect(abs(gotStart - start) <= 120 && abs(gotEnd - end) <= 120,
                        "\(language) \(segment["text"] ?? ""): \(gotStart)–\(gotEnd), truth \(start)–\(end)")
                #expect(segment["origin"] as? String == "auto")
                #expect((segment["confidence"] as? Double).map { (0...1).contains($0) } == true)
            }
            let words = try TranscriptAPITests.words(aligned)
            #expect(words.allSatisfy { $0["origin"] as? String == "auto" && $0["confidence"] != nil })
            for (word, next) in zip(words, words.dropFirst()) {
                #expect((word["startMs"] as! Int) < (word["endMs"] as! Int) && (word["endMs"] as! Int) <= (next["startMs"] as! Int))
            }
        }
        // A trainer's tap is not thrown away silently.
        _ = try await client.send("PATCH", "\(base)/fr/timings", body: .json(["taps": [410]]))
        let refused = try await client.send("POST", "\(base)/fr/align")
        #expect(refused.status == 409 && refused.errorCode == "manual_timings", "\(refused.text)")
        for unclear in ["", "yes", "TRUE"] {
            let unclearAnswer = try await client.send("POST", "\(base)/fr/align?overwrite=\(unclear)")
            #expect(unclearAnswer.status == 400 && unclearAnswer.text.contains("overwrite"), "overwrite=\(unclear)")
        }
        #expect(try await client.send("POST", "\(base)/fr/align?overwrite=true").status == 200)
        // A translation is not what was said.
        #expect(try await client.send("PUT", "\(base)/en?kind=translation", body: .bytes(Array("Hello, my name is Amina.".utf8))).status == 201)
        let translation = try await client.send("POST", "\(base)/en/align")
        #expect(translation.status == 422 && translation.errorCode == "not_a_transcription")
        #expect(try await client.send("POST", "\(base)/de/align").status == 404)
    }
}
