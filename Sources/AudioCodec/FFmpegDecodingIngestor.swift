import Foundation

/// Uploads in formats FFmpeg decodes for us (MP3, FLAC, MP4 with AAC…): the bytes go to a scratch
/// file as they arrive (MP4 files written by phones and by ffmpeg keep their index at the end, so
/// the decoder must seek), and `finish` decodes the file and encodes it like a WAV upload.
final class FFmpegDecodingIngestor: OggOpusIngestor {
    private let container: AudioContainer
    private let scratch: ScratchFile
    private let transcoder: WAVToOggOpusTranscoder

    /// - Parameter scratch: where the upload's bytes are kept; it may already hold the first ones.
    init(container: AudioContainer, scratch: ScratchFile, settings: OpusEncoderSettings, title: String?, language: String?,
         output: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.container = container
        self.scratch = scratch
        transcoder = WAVToOggOpusTranscoder(settings: settings, title: title, language: language, output: output)
    }

    func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try scratch.write(bytes)
    }

    func finish() throws -> IngestResult {
        let probe = try FFmpegDecoder.probe(path: scratch.path, container: container)
        try FFmpegDecoder.decode(path: scratch.path, container: container) { try transcoder.consume($0) }
        let result = try transcoder.finishWAV()
        return IngestResult(sourceFormat: "\(container.rawValue)/\(probe.codec)", inputSampleRate: result.format.sampleRate,
                            inputChannels: result.format.channels, encoding: result.encoding, encoded: true)
    }
}
