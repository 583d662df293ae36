import Foundation

/// Ogg uploads: re-muxed without re-encoding when they are one mono or stereo Opus stream (nearly
/// all are: Firefox, WhatsApp, opusenc, ffmpeg), otherwise decoded to mono and encoded by us.
///
/// More than two channels show in the first packet. A chained file shows only where its second
/// link begins, after the first link has been re-muxed and written, so the upload's bytes are kept
/// in a scratch file: on finding a chain, what was written is thrown away (`restart`) and the whole
/// upload is decoded from its start.
final class OggUploadIngestor: OggOpusIngestor {
    private enum Mode {
        case remux(OggOpusRemuxer)
        case decode(OggOpusDecoder)
    }

    private let settings: OpusEncoderSettings
    private let tags: OpusTags
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private let restart: () throws -> Void
    private let scratch: ScratchFile
    private var mode: Mode
    private var encoder: OggOpusEncoder?
    private var decodedSamples = 0
    private var reason = ""

    init(settings: OpusEncoderSettings, comments: [String], scratchDirectory: URL,
         output: @escaping (UnsafeRawBufferPointer) throws -> Void, restart: @escaping () throws -> Void) throws {
        self.settings = settings
        tags = OpusTags(comments: comments)
        self.output = output
        self.restart = restart
        scratch = try ScratchFile(in: scratchDirectory)
        mode = .remux(OggOpusRemuxer(comments: comments, output: output))
    }

    func consume(_ bytes: UnsafeRawBufferPointer) throws {
        switch mode {
        case .remux(let remuxer):
            try scratch.write(bytes)
            do {
                try remuxer.consume(bytes)
            } catch OggOpusError.multipleStreams {
                try switchToDecoding(reason: "chained")
            } catch OggOpusError.unsupportedChannelMapping(_, let channels) {
                try switchToDecoding(reason: "\(channels)ch")
            }
        case .decode(let decoder):
            try decoder.consume(bytes)
        }
    }

    func finish() throws -> IngestResult {
        switch mode {
        case .remux(let remuxer):
            return try remuxer.finish()
        case .decode(let decoder):
            try decoder.finish()
            guard let head = decoder.head, let encoder, decodedSamples > 0 else { throw OggOpusError.noAudio }
            if decoder.linkCount > 1 { reason = "chained" }
            let summary = try encoder.finish(length48k: decodedSamples)
            return IngestResult(sourceFormat: "ogg/opus-\(reason)", inputSampleRate: head.inputSampleRate,
                                inputChannels: head.channelCount, encoding: summary, encoded: true)
        }
    }

    /// Drops what the re-mux wrote and decodes the upload again from its first byte.
    private func switchToDecoding(reason: String) throws {
        self.reason = reason
        try restart()
        let decoder = OggOpusDecoder(acceptingAnyStream: true) { [unowned self] samples in
            let encoder = try self.encoder ?? self.makeEncoder()
            self.decodedSamples += samples.count
            try encoder.write(samples)
        }
        mode = .decode(decoder)
        try scratch.readAll { try decoder.consume($0) }
    }

    private func makeEncoder() throws -> OggOpusEncoder {
        guard case .decode(let decoder) = mode, let head = decoder.head else { preconditionFailure("samples before a header") }
        let encoder = try OggOpusEncoder(sampleRate: 48_000, originalSampleRate: head.inputSampleRate > 0 ? head.inputSampleRate : 48_000,
                                         settings: settings, tags: tags, output: output)
        self.encoder = encoder
        return encoder
    }
}
