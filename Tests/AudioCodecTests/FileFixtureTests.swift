import AudioCodec
import Foundation
import Testing
import TestSupport

/// The files trainers and phones bring (Tests/Fixtures, made by make-file-fixtures.sh from one
/// espeak-ng sentence): each ingested as the server does, the result decoded and compared with the
/// sentence, re-muxed streams compared packet for packet with their source.
@Suite("Files from opusenc, ffmpeg, phones and chains")
struct FileFixtureTests {
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let sourceFormat: String
        /// True when the source's Opus packets must come through untouched.
        let remuxed: Bool
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "opusenc.opus", sourceFormat: "ogg/opus", remuxed: true),
        Case(file: "ffmpeg-libopus.opus", sourceFormat: "ogg/opus", remuxed: true),
        Case(file: "whatsapp-16k.opus", sourceFormat: "ogg/opus", remuxed: true),
        Case(file: "chained.opus", sourceFormat: "ogg/opus-chained", remuxed: false),
        Case(file: "surround-5.1.opus", sourceFormat: "ogg/opus-6ch", remuxed: false),
        Case(file: "aac.m4a", sourceFormat: "mp4/aac", remuxed: false),
        Case(file: "lame.mp3", sourceFormat: "mp3/mp3", remuxed: false),
        Case(file: "speech.flac", sourceFormat: "flac/flac", remuxed: false),
    ]

    /// The sentence every fixture was made from: the lossless FLAC, decoded by sox at 48 kHz.
    static func sentence() throws -> [Float] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav")
        try ExternalTool.run("sox", [BrowserRecordingTests.fixtures.appendingPathComponent("speech.flac").path, "-r", "48000", "-b", "16", wav.path])
        return try AudioDecoding.wav([UInt8](Data(contentsOf: wav))).samples
    }

    @Test("each file ingested: the right path, the whole sentence inside", arguments: cases)
    func ingest(_ fixture: Case) throws {
        let source = try BrowserRecordingTests.fixture(fixture.file)
        let (ogg, result) = try RemuxTests.ingest(source, pieceSize: 1_111)
        #expect(result.sourceFormat == fixture.sourceFormat)
        #expect(result.encoded == !fixture.remuxed)
        if fixture.remuxed {
            #expect(Array(try OggPageScanner.packets(ogg).dropFirst(2)) == Array(try OggPageScanner.packets(source).dropFirst(2)))
        }
        let decoded = try AudioDecoding.oggOpus(ogg).samples
        let spoken = try Self.sentence()
        #expect(decoded.count == result.encoding.sampleCount48k)
        // Same length as the sentence within 25 ms (AAC's priming is the loosest of them).
        #expect(abs(decoded.count - spoken.count) <= 1_200, "\(decoded.count) samples for \(spoken.count)")
        let best = Signals.bestCorrelation(BrowserRecordingTests.envelope(spoken), BrowserRecordingTests.envelope(decoded), maxLag: 10)
        #expect(best.value >= 0.95, "envelope correlation \(best.value) at \(best.lag * 10) ms")
    }

    @Test("the chain's two links decode one after the other, as opusdec plays them")
    func chainAgainstOpusdec() throws {
        let source = try BrowserRecordingTests.fixture("chained.opus")
        let (ogg, _) = try RemuxTests.ingest(source)
        let ours = try AudioDecoding.oggOpus(ogg).samples
        let reference = try RemuxTests.decodedByOpusdec(source)
        #expect(abs(ours.count - reference.count) <= 1, "\(ours.count) vs opusdec \(reference.count)")
        // Ours is re-encoded, so compare what is heard (10 ms loudness envelope), not the waveform.
        let envelopes = Signals.correlation(BrowserRecordingTests.envelope(reference), BrowserRecordingTests.envelope(ours))
        #expect(envelopes >= 0.98, "envelope correlation \(envelopes)")
    }

    @Test("cut or flipped, every file gets a typed error or a valid stream, never a crash", arguments: cases)
    func broken(_ fixture: Case) throws {
        let source = try BrowserRecordingTests.fixture(fixture.file)
        // MP3 has no container declaring its length: past its first frames, a cut MP3 is a shorter MP3.
        let mustFail = fixture.file.hasSuffix(".mp3") ? [0, 3, 11, 60] : [0, 3, 11, 60, 300, source.count / 2]
        for cut in mustFail {
            #expect(throws: (any Error).self, "cut at \(cut)") { _ = try RemuxTests.ingest(Array(source.prefix(cut))) }
        }
        // Near the end a file may still hold a shorter valid stream (an MP3 cut between frames is
        // an MP3); then what comes out must be shorter than the whole.
        let whole = try RemuxTests.ingest(source).result.encoding.sampleCount48k
        for cut in [300, source.count / 2, source.count - 1_000, source.count - 1] {
            if let result = try? RemuxTests.ingest(Array(source.prefix(cut))).result {
                #expect(result.encoding.sampleCount48k <= whole, "cut at \(cut)")
            }
        }
        var generator = SplitMix(seed: UInt64(source.count))
        for _ in 0..<(fixture.remuxed ? 150 : 25) {
            var flipped = source
            let index = Int(generator.next() % UInt64(min(source.count, 2_000)))
            flipped[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            do {
                _ = try RemuxTests.ingest(flipped, pieceSize: 4_096)
            } catch {
                #expect(error is OggOpusError || error is MP4Error || error is FFmpegError || error is OpusError || error is WAVError,
                        "byte \(index): \(error)")
            }
        }
    }
}
