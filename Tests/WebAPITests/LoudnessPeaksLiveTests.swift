import AudioCodec
import Foundation
import Testing
import TestSupport

/// Quiet recordings are normalised through the OpusHead gain; peaks are served in the audiowaveform format.
@Suite("Loudness normalisation and peaks, live")
struct LoudnessPeaksLiveTests {
    @Test("a quiet recording is brought to −18 LUFS without re-encoding; its peaks follow")
    func quietSpeech() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let speech = directory.appendingPathComponent("speech.wav"), quiet = directory.appendingPathComponent("quiet.wav")
        try Data(try ExternalTool.speechWAV()).write(to: speech)
        try await ExternalTool.run("sox", [speech.path, quiet.path, "vol", "0.05"])
        let created = try await server.client.send("POST", "/api/recordings", body: .bytes([UInt8](try Data(contentsOf: quiet))))
        #expect(created.status == 201)
        let json = try created.json()
        let id = try #require(json["id"] as? String)
        let measured = try #require(json["loudnessLUFS"] as? Double)
        let gain = try #require(json["gainDB"] as? Double)
        #expect(measured < -40 && gain > 20, "\(measured) LUFS, +\(gain) dB")
        #expect((json["media"] as? [String: String])?["opus"] == "/media/\(id).opus")

        // The reference decoder applies the output gain; ffmpeg's meter hears −18 LUFS.
        let stored = try await server.client.get("/media/\(id).opus").body
        let opus = directory.appendingPathComponent("stored.opus"), decoded = directory.appendingPathComponent("decoded.wav")
        try Data(stored).write(to: opus)
        try await ExternalTool.run("opusdec", ["--quiet", "--float", "--rate", "48000", opus.path, decoded.path])
        let heard = try ExternalTool.ffmpegLoudness([UInt8](Data(contentsOf: decoded)))
        // Towards −18 LUFS, but never past the −1 dBTP ceiling: speech peaks often stop it short.
        let truePeak = try #require(json["truePeakDBTP"] as? Double)
        #expect(abs(gain - min(LoudnessNormalization.defaultTarget - measured, -1 - truePeak)) < 0.02)
        #expect(abs(heard.integrated - (measured + gain)) < 0.4, "\(heard.integrated) vs \(measured + gain)")
        #expect(heard.integrated <= LoudnessNormalization.defaultTarget + 0.3 && heard.truePeak <= -0.7)

        let peaks = try await server.client.get("/api/recordings/\(id)/peaks.json").json()
        let sampleCount = (json["durationMs"] as? Int ?? 0) * 48
        #expect(peaks["version"] as? Int == 2 && peaks["channels"] as? Int == 1 && peaks["sample_rate"] as? Int == 48_000)
        #expect(peaks["samples_per_pixel"] as? Int == 480 && peaks["bits"] as? Int == 8)
        let length = try #require(peaks["length"] as? Int)
        #expect(abs(length - sampleCount / 480) <= 2)
        let data = try #require(peaks["data"] as? [Int])
        #expect(data.count == 2 * length && data.allSatisfy { (-128...127).contains($0) })
        // Independently: min/max of the decoded (gain-applied) samples over the same windows.
        let samples = try AudioDecoding.wav([UInt8](Data(contentsOf: decoded))).samples
        for pixel in stride(from: 0, to: length - 1, by: max(1, length / 25)) {
            let window = samples[(pixel * 480)..<min(samples.count, (pixel + 1) * 480)]
            #expect(abs(data[2 * pixel + 1] - (Int((Double(window.max()!) * 32_767).rounded()) >> 8)) <= 2, "pixel \(pixel)")
        }
        let coarse = try await server.client.get("/api/recordings/\(id)/peaks.json?pixelsPerSecond=10&bits=16").json()
        #expect(coarse["samples_per_pixel"] as? Int == 4_800 && coarse["bits"] as? Int == 16)
        let binary = try await server.client.get("/api/recordings/\(id)/peaks.dat?samplesPerPixel=960")
        let parsed = try WaveformPeaks(binary: binary.body)
        #expect(parsed.samplesPerPixel == 960 && abs(parsed.length - length / 2) <= 1)
        for bad in ["pixelsPerSecond=0", "pixelsPerSecond=500", "samplesPerPixel=10", "bits=12", "bits=null", "bits=", "bits=null&bits=null"] {
            #expect(try await server.client.get("/api/recordings/\(id)/peaks.json?\(bad)").status == 400, "\(bad)")
        }
        // A vanishingly small rate (schemathesis sent 5e-324: 48,000 / 5e-324 is infinite, and making
        // it an Int trapped, killing the server) is the coarsest the API gives: a pixel a minute.
        let coarsest = try await server.client.get("/api/recordings/\(id)/peaks.json?pixelsPerSecond=5e-324")
        #expect(coarsest.status == 200 && (try? coarsest.json()["samples_per_pixel"] as? Int) == 2_880_000, "\(coarsest.status)")
        #expect(try await server.anonymous.get("/healthz").status == 200)
        #expect(try await server.anonymous.get("/api/recordings/\(id)/peaks.json").status == 404)

        // Withdrawal removes the peaks with the audio.
        let peaksFolder = server.mediaRoot.appendingPathComponent("peaks")
        func peakFiles() -> Int {
            (FileManager.default.enumerator(atPath: peaksFolder.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".dat") }.count
        }
        #expect(peakFiles() == 1)
        #expect(try await server.client.send("DELETE", "/api/recordings/\(id)").status == 204)
        #expect(peakFiles() == 0)
    }

    @Test("a quiet tone with headroom reaches the target exactly; --loudness-target off leaves it alone")
    func toneAndOff() async throws {
        let wav = TestWAV.make(Signals.sine(frequency: 300, sampleRate: 16_000, seconds: 2, amplitude: 0.01), sampleRate: 16_000)
        let normalising = try await ServerProcess.start()
        defer { normalising.stop(); normalising.removeMediaRoot() }
        let json = try await normalising.client.send("POST", "/api/recordings", body: .bytes(wav)).json()
        let id = try #require(json["id"] as? String)
        let decoded = try AudioDecoding.oggOpus(try await normalising.client.get("/media/\(id).opus").body)
        let heard = try ExternalTool.ffmpegLoudness(TestWAV.make(decoded.samples, sampleRate: 48_000, encoding: .float, bits: 32))
        #expect(abs(heard.integrated - LoudnessNormalization.defaultTarget) < 0.3, "\(heard.integrated)")

        let server = try await ServerProcess.start(arguments: ["--loudness-target", "off"])
        defer { server.stop(); server.removeMediaRoot() }
        let untouched = try await server.client.send("POST", "/api/recordings", body: .bytes(wav)).json()
        #expect(untouched["gainDB"] as? Double == 0)
        #expect(try #require(untouched["loudnessLUFS"] as? Double) < -40)
    }
}
