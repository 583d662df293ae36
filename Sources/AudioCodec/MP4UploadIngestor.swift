import Foundation

/// MP4 uploads: Opus (Chromium's MediaRecorder) is re-muxed as it streams in; anything else —
/// AAC from older Safari and phones, or Opus whose index comes after the audio — goes to FFmpeg.
/// Which one is known only once the sample index (`moov`) has been read, so the bytes are kept in a
/// scratch file until then.
final class MP4UploadIngestor: OggOpusIngestor {
    private let remuxer: MP4ToOggOpus
    private let scratch: ScratchFile
    private let makeDecoder: (ScratchFile) -> FFmpegDecodingIngestor
    private var decoder: FFmpegDecodingIngestor?

    init(settings: OpusEncoderSettings, title: String?, language: String?, scratchDirectory: URL,
         output: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        remuxer = MP4ToOggOpus(comments: OggOpusIngest.comments(title: title, language: language), output: output)
        scratch = try ScratchFile(in: scratchDirectory)
        makeDecoder = { FFmpegDecodingIngestor(container: .mp4, scratch: $0, settings: settings, title: title, language: language, output: output) }
    }

    func consume(_ bytes: UnsafeRawBufferPointer) throws {
        if let decoder { return try decoder.consume(bytes) }
        // Once the Opus track is known, nothing will need the bytes again.
        if !remuxer.hasTrack { try scratch.write(bytes) }
        do {
            try remuxer.consume(bytes)
        } catch MP4Error.unsupportedCodec, MP4Error.indexAfterAudio {
            decoder = makeDecoder(scratch)
        }
    }

    func finish() throws -> IngestResult {
        if let decoder { return try decoder.finish() }
        do {
            return try remuxer.finish()
        } catch MP4Error.unsupportedCodec, MP4Error.indexAfterAudio {
            // A file too short to reveal its index before its end.
            return try makeDecoder(scratch).finish()
        }
    }
}
