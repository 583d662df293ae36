import AudioCodec
import Foundation
import Testing
import TestSupport

/// Real recordings from headless Chromium's MediaRecorder (Tests/Fixtures, made by
/// make-browser-recordings.py from an espeak-ng sentence fed to the fake microphone).
@Suite("Chromium MediaRecorder recordings")
struct BrowserRecordingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// The sentence the fixtures recorded, made again exactly as the script made it.
    static func sentence() throws -> [Float] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("raw.wav"), speech = directory.appendingPathComponent("speech.wav")
        try ExternalTool.run("espeak-ng", ["-v", "fr", "-w", raw.path, "Bonjour. Je m'appelle Amina. J'habite à Lyon depuis un an."])
        try ExternalTool.run("sox", [raw.path, "-r", "48000", "-c", "1", "-b", "16", speech.path, "pad", "0.2", "1.0"])
        return try AudioDecoding.wav([UInt8](Data(contentsOf: speech))).samples
    }

    /// RMS per 10 ms: enough to recognise the same sentence whatever the codec did to the waveform.
    static func envelope(_ samples: [Float]) -> [Float] {
        stride(from: 0, to: samples.count - 480, by: 480).map { start in
            (samples[start..<(start + 480)].reduce(0) { $0 + $1 * $1 } / 480).squareRoot()
        }
    }

    @Test("WebM and MP4 Opus from Chromium: re-muxed packet for packet, the recorded sentence inside",
          arguments: ["chromium-webm-opus.webm", "chromium-mp4-opus.mp4"])
    func chromium(_ name: String) throws {
        let source = try Self.fixture(name)
        let (ogg, result) = try RemuxTests.ingest(source, pieceSize: 777)
        #expect(result.sourceFormat == (name.hasSuffix("webm") ? "webm/opus" : "mp4/opus") && !result.encoded)
        // ffmpeg's own copy of the same packets into Ogg.
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent(name), copy = directory.appendingPathComponent("copy.opus")
        try Data(source).write(to: input)
        try ExternalTool.run("ffmpeg", ["-loglevel", "error", "-i", input.path, "-c:a", "copy", copy.path])
        let reference = [UInt8](try Data(contentsOf: copy))
        #expect(Array(try OggPageScanner.packets(ogg).dropFirst(2)) == Array(try OggPageScanner.packets(reference).dropFirst(2)))
        let decoded = try AudioDecoding.oggOpus(ogg).samples
        #expect(decoded.count == result.encoding.sampleCount48k)
        let recorded = Self.envelope(decoded), spoken = Self.envelope(try Self.sentence())
        let best = Signals.bestCorrelation(spoken, recorded, maxLag: 60)
        #expect(best.value >= 0.9, "envelope correlation \(best.value) at \(best.lag * 10) ms")
    }

    @Test("every cut and flip of the browser files gets a typed error or a valid stream, never a crash",
          arguments: ["chromium-webm-opus.webm", "chromium-mp4-opus.mp4"])
    func broken(_ name: String) throws {
        let source = try Self.fixture(name)
        for cut in [3, 11, 40, 100, 400, 1_000, source.count / 2, source.count - 1] {
            #expect(throws: (any Error).self, "cut at \(cut)") { _ = try RemuxTests.ingest(Array(source.prefix(cut))) }
        }
        // Every byte of the headers and first blocks, set to values that upset sizes and flags.
        for index in 0..<700 {
            for value: UInt8 in [0x00, 0x01, 0x10, 0x40, 0x7F, 0x80, 0xFE, 0xFF] where source[index] != value {
                var flipped = source
                flipped[index] = value
                // A change inside a packet's payload passes the re-mux (packets are not decoded
                // there); the server's ingest decodes everything and refuses those with 400 (see
                // LiveServerTests.chromiumUploads). Here: a typed error or a stream, never a crash.
                do {
                    _ = try RemuxTests.ingest(flipped, pieceSize: 4_096)
                } catch {
                    // A flipped codec name sends the MP4 to FFmpeg, which refuses it in its own words.
                    #expect(error is WebMError || error is MP4Error || error is OggOpusError || error is FFmpegError,
                            "\(index)=\(value): \(error)")
                }
            }
        }
    }
}
