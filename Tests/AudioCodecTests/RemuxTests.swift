import AudioCodec
import Foundation
import Testing
import TestSupport

/// Ogg Opus and WebM uploads are re-muxed: the same packets, no decode or re-encode.
@Suite("Re-muxing Ogg Opus and WebM")
struct RemuxTests {
    /// Runs a tool that writes `output` from `input` (a speech WAV) in a temporary folder.
    static func make(_ name: String, _ command: (String, String) -> (String, [String]), from wav: [UInt8]? = nil) throws -> [UInt8] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.wav"), output = directory.appendingPathComponent(name)
        try Data(try wav ?? ExternalTool.speechWAV()).write(to: input)
        let (tool, arguments) = command(input.path, output.path)
        try ExternalTool.run(tool, arguments)
        return [UInt8](try Data(contentsOf: output))
    }

    static func ingest(_ bytes: [UInt8], pieceSize: Int = 1_000) throws -> (ogg: [UInt8], result: IngestResult) {
        var ogg: [UInt8] = []
        guard let ingestor = try OggOpusIngest.make(
            for: AudioContainer.sniff(bytes), settings: try OpusEncoderSettings(), title: "Essai", language: "fr",
            scratchDirectory: FileManager.default.temporaryDirectory,
            output: { ogg.append(contentsOf: $0) }, restart: { ogg.removeAll() }
        ) else {
            throw WebMError.notEBML  // not a container we take; the broken-input test only needs an error
        }
        try AudioDecoding.feed(bytes, pieceSize: pieceSize) { try ingestor.consume($0) }
        let result = try ingestor.finish()
        return (ogg, result)
    }

    static func decodedByOpusdec(_ ogg: [UInt8]) throws -> [Float] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("x.opus"), output = directory.appendingPathComponent("x.wav")
        try Data(ogg).write(to: input)
        try ExternalTool.run("opusdec", ["--quiet", "--float", "--rate", "48000", input.path, output.path])
        return try AudioDecoding.wav([UInt8](Data(contentsOf: output))).samples
    }

    static let sources: [(String, @Sendable (String, String) -> (String, [String]))] = [
        ("opusenc 24 kb/s", { ("opusenc", ["--quiet", "--bitrate", "24", $0, $1]) }),
        ("WhatsApp-like 16 kb/s voice note", { ("opusenc", ["--quiet", "--bitrate", "16", "--framesize", "60", $0, $1]) }),
        ("ffmpeg libopus", { ("ffmpeg", ["-loglevel", "error", "-i", $0, "-c:a", "libopus", "-b:a", "24k", "-f", "ogg", $1]) }),
    ]

    @Test("Ogg Opus from opusenc and ffmpeg: same packets, same decoded audio, our tags", arguments: 0..<3)
    func oggRemux(_ index: Int) throws {
        let source = try Self.make("source.opus", Self.sources[index].1)
        let (ogg, result) = try Self.ingest(source)
        #expect(result.sourceFormat == "ogg/opus" && !result.encoded)
        let sourcePackets = try OggPageScanner.packets(source), ourPackets = try OggPageScanner.packets(ogg)
        #expect(Array(sourcePackets.dropFirst(2)) == Array(ourPackets.dropFirst(2)), "audio packets are copied unchanged")
        let theirs = try AudioDecoding.oggOpus(source), ours = try AudioDecoding.oggOpus(ogg)
        #expect(ours.samples == theirs.samples, "same pre-skip and end trimming")
        #expect(ours.head.preSkip == theirs.head.preSkip)
        #expect(ours.tags.value(of: "ENCODER") == OggOpusIngest.encoderName && ours.tags.value(of: "TITLE") == "Essai")
        #expect(ours.tags.vendor == theirs.tags.vendor)
        #expect(result.encoding.sampleCount48k == theirs.samples.count)
        // The reference decoder agrees on the length.
        #expect(try Self.decodedByOpusdec(ogg).count == theirs.samples.count)
        let pages = try OggPageScanner.pages(ogg)
        #expect(pages.last!.isEndOfStream && pages[0].packetSizes == [19])
    }

    @Test("WebM Opus from ffmpeg: the same packets as ffmpeg's own copy to Ogg, the same decoded length")
    func webmRemux() throws {
        let webm = try Self.make("source.webm") { ("ffmpeg", ["-loglevel", "error", "-i", $0, "-c:a", "libopus", "-b:a", "24k", $1]) }
        let (ogg, result) = try Self.ingest(webm, pieceSize: 333)
        #expect(result.sourceFormat == "webm/opus" && !result.encoded)
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.webm"), copy = directory.appendingPathComponent("copy.opus")
        try Data(webm).write(to: input)
        try ExternalTool.run("ffmpeg", ["-loglevel", "error", "-i", input.path, "-c:a", "copy", copy.path])
        let reference = [UInt8](try Data(contentsOf: copy))
        #expect(Array(try OggPageScanner.packets(ogg).dropFirst(2)) == Array(try OggPageScanner.packets(reference).dropFirst(2)))
        // ffmpeg's copy ignores the last block's DiscardPadding; we honour it, so our length is the
        // source's own (within the few samples libopus's 22.05 → 48 kHz resampling may shift).
        let ours = try AudioDecoding.oggOpus(ogg)
        let speech = try AudioDecoding.wav(try ExternalTool.speechWAV())
        let expected = Int((Double(speech.samples.count) * 48_000 / 22_050).rounded())
        #expect(abs(ours.samples.count - expected) <= 8, "\(ours.samples.count) vs source \(expected)")
        #expect(result.encoding.sampleCount48k == ours.samples.count)
        #expect(try Self.decodedByOpusdec(ogg).count == ours.samples.count)
        let info = try ExternalTool.run("opusinfo", [try write(ogg, in: directory)])
        #expect(!(info.stdout + info.stderr).contains("WARNING"))
    }

    @Test("Matroska PCM (integer and float) is encoded like WAV", arguments: ["pcm_s16le", "pcm_f32le"])
    func matroskaPCM(_ codec: String) throws {
        let wav = TestWAV.make(Signals.sweep(from: 200, to: 3_000, sampleRate: 44_100, seconds: 1.5), sampleRate: 44_100, channels: 2)
        let mka = try Self.make("source.mka", { ("ffmpeg", ["-loglevel", "error", "-i", $0, "-c:a", codec, $1]) }, from: wav)
        let (ogg, result) = try Self.ingest(mka)
        #expect(result.encoded && result.inputSampleRate == 44_100 && result.inputChannels == 2)
        #expect(result.sourceFormat == (codec == "pcm_s16le" ? "webm/pcm16" : "webm/float32"))
        let decoded = try AudioDecoding.oggOpus(ogg)
        #expect(decoded.samples.count == Int((1.5 * 48_000).rounded()))
        let reference = Signals.sweep(from: 200, to: 3_000, sampleRate: 48_000, seconds: 1.5)
        #expect(Signals.bestCorrelation(reference, decoded.samples, maxLag: 100).value >= 0.9)
    }

    @Test("a WebM with only video, or another audio codec, is refused by name")
    func foreignWebM() throws {
        let video = try Self.make("video.webm", { _, out in
            ("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "color=c=black:s=16x16:d=0.5", "-c:v", "libvpx", out])
        })
        #expect(throws: WebMError.noAudioTrack) { _ = try Self.ingest(video) }
        let vorbis = try Self.make("vorbis.webm") { ("ffmpeg", ["-loglevel", "error", "-i", $0, "-c:a", "libvorbis", $1]) }
        #expect(throws: WebMError.unsupportedCodec("A_VORBIS")) { _ = try Self.ingest(vorbis) }
    }

    @Test("broken Ogg and WebM give typed errors at every cut and flip, never a crash")
    func brokenInputs() throws {
        let ogg = try Self.make("source.opus", Self.sources[0].1)
        let webm = try Self.make("source.webm") { ("ffmpeg", ["-loglevel", "error", "-i", $0, "-c:a", "libopus", $1]) }
        for source in [ogg, webm] {
            for cut in [5, 20, 60, 200, source.count / 3, source.count - 7] {
                #expect(throws: (any Error).self, "cut at \(cut)") { _ = try Self.ingest(Array(source.prefix(cut))) }
            }
            var rng = SystemRandomNumberGenerator()
            for _ in 0..<40 {
                var flipped = source
                let index = Int.random(in: 0..<min(source.count, 400), using: &rng)
                flipped[index] ^= UInt8.random(in: 1...255, using: &rng)
                // Any outcome but a crash is acceptable for a flip that lands in a skipped region.
                _ = try? Self.ingest(flipped)
            }
        }
        // An Ogg page with a bad CRC.
        var badCRC = ogg
        badCRC[try OggPageScanner.pages(ogg)[2].byteRange.lowerBound + 22] ^= 0xFF
        #expect(throws: OggOpusError.self) { _ = try Self.ingest(badCRC) }
        // EBML sizes that lie: a Segment child claiming more bytes than its parent.
        var lying = webm
        let docType = try #require((0..<60).first { lying[$0] == 0x42 && lying[$0 + 1] == 0x82 })
        lying[docType + 2] = 0xBF  // DocType now claims 63 bytes, past the end of the EBML header
        #expect(throws: WebMError.self) { _ = try Self.ingest(lying) }
        #expect(throws: WebMError.self) { _ = try Self.ingest([0x1A, 0x45, 0xDF, 0xA3, 0x80] + [UInt8](repeating: 0xFF, count: 40)) }
    }

    func write(_ bytes: [UInt8], in directory: URL) throws -> String {
        let file = directory.appendingPathComponent("out-\(UUID().uuidString).opus")
        try Data(bytes).write(to: file)
        return file.path
    }
}
