import AudioCodec
import Foundation
import Testing
import TestSupport

/// The `parlons` executable's commands, run as a user would.
@Suite("Command line")
struct CommandLineTests {
    @Test("encode runs the streaming pipeline offline; opusinfo accepts its output")
    func encode() throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.wav"), output = directory.appendingPathComponent("out.opus")
        let signal = Signals.sweep(from: 100, to: 3_000, sampleRate: 44_100, seconds: 1.5)
        try Data(TestWAV.make(signal, sampleRate: 44_100, channels: 2, bits: 24)).write(to: input)
        let run = try ExternalTool.run(ServerProcess.binaryPath, ["encode", input.path, output.path, "--bitrate", "32000", "--title", "Essai"])
        #expect(run.stdout.contains("1500 ms"))
        let decoded = try AudioDecoding.oggOpus([UInt8](Data(contentsOf: output)))
        #expect(decoded.samples.count == Int((Double(signal.count) * 48_000 / 44_100).rounded()))
        #expect(decoded.tags.value(of: "TITLE") == "Essai")
        let info = try ExternalTool.run("opusinfo", [output.path])
        #expect(!(info.stdout + info.stderr).contains("WARNING") && !(info.stdout + info.stderr).contains("ERROR"))

        let broken = directory.appendingPathComponent("broken.wav")
        try Data(Array(TestWAV.make(signal, sampleRate: 44_100)[0..<30])).write(to: broken)
        let failed = try ExternalTool.run(ServerProcess.binaryPath, ["encode", broken.path, output.path], requireSuccess: false)
        #expect(failed.status != 0 && failed.stderr.contains("WAV header truncated"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let badRate = try ExternalTool.run(ServerProcess.binaryPath, ["encode", input.path, output.path, "--bitrate", "5"], requireSuccess: false)
        #expect(badRate.status != 0 && badRate.stderr.contains("bitrate"))
    }

    @Test("encode re-muxes browser formats; decode writes the WAV the fallback route serves")
    func remuxAndDecode() throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/chromium-webm-opus.webm")
        let ogg = directory.appendingPathComponent("out.opus"), wav = directory.appendingPathComponent("out.wav")
        let encoded = try ExternalTool.run(ServerProcess.binaryPath, ["encode", fixture.path, ogg.path])
        #expect(encoded.stdout.contains("re-muxed from webm/opus"))
        try ExternalTool.run(ServerProcess.binaryPath, ["decode", ogg.path, wav.path])
        let ours = try AudioDecoding.wav([UInt8](Data(contentsOf: wav)))
        let reference = try AudioDecoding.oggOpus([UInt8](Data(contentsOf: ogg))).samples
        #expect(ours.format.sampleRate == 48_000 && ours.samples.count == reference.count)
        #expect(zip(ours.samples, reference).allSatisfy { abs($0 - $1) <= 1.0 / 16_000 })
        let notAudio = directory.appendingPathComponent("notes.txt")
        try Data("just text".utf8).write(to: notAudio)
        let refused = try ExternalTool.run(ServerProcess.binaryPath, ["encode", notAudio.path, ogg.path], requireSuccess: false)
        #expect(refused.status != 0 && refused.stderr.contains("not taken"))
    }

    @Test("import stores files, prints their ids, and the server then serves them")
    func importFiles() async throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let media = directory.appendingPathComponent("media")
        var files: [String] = []
        for (index, rate) in [16_000, 22_050].enumerated() {
            let file = directory.appendingPathComponent("lesson-\(index).wav")
            try Data(TestWAV.make(Signals.sine(frequency: 300, sampleRate: rate, seconds: 1), sampleRate: rate)).write(to: file)
            files.append(file.path)
        }
        let broken = directory.appendingPathComponent("broken.wav")
        try Data("RIFF0000WAVEjunk".utf8).write(to: broken)
        try await ExternalTool.run(ServerProcess.binaryPath, ["user", "add", "--name", "amina", "--role", "learner", "--media", media.path])
        let run = try await ExternalTool.run(ServerProcess.binaryPath, ["import", "--media", media.path, "--language", "fr", "--owner", "amina"]
                                             + files + [broken.path], requireSuccess: false)
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.wav"))
        let ids = run.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 2)

        let server = try await ServerProcess.start(mediaRoot: media)
        defer { server.stop() }
        let listed = try await server.client.get("/api/recordings").json()["recordings"] as? [[String: Any]] ?? []
        #expect(Set(listed.compactMap { $0["id"] as? String }) == Set(ids))
        #expect(Set(listed.compactMap { $0["title"] as? String }) == ["lesson-0", "lesson-1"])
        #expect(listed.allSatisfy { $0["language"] as? String == "fr" && $0["durationMs"] as? Int == 1_000 })
        let owner = try #require(try await server.client.get("/api/people").json(array: true).first { $0["name"] as? String == "amina" })
        #expect(listed.allSatisfy { $0["ownerId"] as? String == owner["id"] as? String && $0["visibility"] as? String == "private" })
        let unknownOwner = try await ExternalTool.run(ServerProcess.binaryPath, ["import", "--media", media.path, "--owner", "nobody"] + files,
                                                      requireSuccess: false)
        #expect(unknownOwner.status != 0 && unknownOwner.stderr.contains("no person named nobody"))
        for id in ids { #expect(try await server.client.get("/media/\(id).opus").status == 200) }
    }

    @Test("settings come from PARLONS_* variables; an unusable media root stops the server with a message")
    func environment() async throws {
        let server = try await ServerProcess.start(environment: ["PARLONS_MAX_UPLOAD": "5000", "PARLONS_BITRATE": "16000"])
        defer { server.stop(); server.removeMediaRoot() }
        let small = TestWAV.make(Signals.sine(frequency: 300, sampleRate: 16_000, seconds: 0.1), sampleRate: 16_000)
        let created = try await server.client.send("POST", "/api/recordings", body: .bytes(small))
        #expect(created.status == 201)
        #expect(try created.json()["bitrate"] as? Int == 16_000)
        let tooBig = try await server.client.send("POST", "/api/recordings", body: .bytes([UInt8](repeating: 0, count: 6_000)))
        #expect(tooBig.status == 413)
        await #expect(throws: ServerProcess.Failure.self) {
            _ = try await ServerProcess.start(mediaRoot: URL(fileURLWithPath: "/proc/version/media"))
        }
        let bad = try await ExternalTool.run(ServerProcess.binaryPath, ["serve", "--port", "0", "--media", "/proc/version/media"], requireSuccess: false)
        #expect(bad.status != 0)
        #expect((bad.stdout + bad.stderr).contains("/proc/version/media"))
    }
}
