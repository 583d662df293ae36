import AudioCodec
import Foundation

/// The upload paths the fuzz targets drive, plus a check of what they wrote: our own Ogg Opus
/// output must read back through our own re-muxer with the same length, pre-skip and packet count,
/// or the server would store a file it cannot serve.
///
/// The MP4 and WebM ingestors are built directly, not through `OggOpusIngest.make`: its MP4 path
/// hands codecs other than Opus to an FFmpeg child process, which is not our parser and would
/// spawn a process per fuzz input.
enum FuzzIngest {
    /// Where an Ogg upload keeps its bytes in case it turns out chained (deleted with the ingestor).
    static let scratchDirectory = FileManager.default.temporaryDirectory

    /// The lowest complexity: it changes nothing the parsers see and keeps PCM inputs fast.
    static let settings: OpusEncoderSettings = {
        do { return try OpusEncoderSettings(bitrate: 12_000, complexity: 0) } catch { fatalError("\(error)") }
    }()

    /// Receives an ingestor's Ogg Opus output (a class: the output and restart closures share it).
    final class Output {
        var bytes: [UInt8] = []
    }

    /// The ingestor the server would use for `container`, writing into `output`.
    static func ingestor(for container: AudioContainer, output: Output) throws -> any OggOpusIngestor {
        let write: (UnsafeRawBufferPointer) throws -> Void = { output.bytes.append(contentsOf: $0) }
        switch container {
        case .wav: return WAVToOggOpusTranscoder(settings: settings, title: "fuzz", language: "fr", output: write)
        case .webm: return WebMToOggOpus(settings: settings, title: "fuzz", language: "fr", output: write)
        case .mp4: return MP4ToOggOpus(comments: OggOpusIngest.comments(title: "fuzz", language: "fr"), output: write)
        default:
            guard let ingestor = try OggOpusIngest.make(for: container, settings: settings, title: "fuzz", language: "fr",
                                                        scratchDirectory: scratchDirectory, output: write,
                                                        restart: { output.bytes.removeAll() }) else {
                fatalError("no ingestor for \(container)")
            }
            return ingestor
        }
    }

    /// Ingests `bytes` fed in the pieces `plan` names; throws what the ingestor throws.
    static func ingest(_ bytes: [UInt8], as container: AudioContainer, plan: [Range<Int>]) throws -> IngestResult {
        let output = Output()
        let ingestor = try ingestor(for: container, output: output)
        try FuzzFeed.feed(bytes, plan) { try ingestor.consume($0) }
        let result = try ingestor.finish()
        checkReadsBack(output.bytes, result)
        return result
    }

    /// Ingests the whole input once, ignoring a refusal (bad input is meant to throw).
    static func ingestOnce(_ bytes: [UInt8], as container: AudioContainer) {
        _ = try? ingest(bytes, as: container, plan: [0..<bytes.count])
    }

    private static func checkReadsBack(_ ogg: [UInt8], _ result: IngestResult) {
        let remuxer = OggOpusRemuxer(comments: [], output: { _ in })
        do {
            try ogg.withUnsafeBytes { try remuxer.consume($0) }
            let again = try remuxer.finish()
            invariant(again.encoding.sampleCount48k == result.encoding.sampleCount48k, "length \(again.encoding) vs \(result.encoding)")
            invariant(again.encoding.packetCount == result.encoding.packetCount, "packets \(again.encoding) vs \(result.encoding)")
            invariant(again.encoding.preSkip == result.encoding.preSkip, "pre-skip \(again.encoding) vs \(result.encoding)")
        } catch {
            fatalError("our own output does not read back: \(error)")
        }
    }
}
