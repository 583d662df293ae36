/// The streaming heart of ingest: WAV bytes in, in whatever pieces they arrive; Ogg Opus pages out.
///
/// Any channel count is averaged to mono. Rates Opus takes natively (8, 12, 16, 24, 48 kHz) are
/// encoded as they are; every other rate is resampled to 48 kHz with libsoxr. Nothing holds the
/// whole input or the whole output.
public final class WAVToOggOpusTranscoder: OggOpusIngestor {
    /// What the transcode found and produced.
    public struct Result: Sendable, Equatable {
        public let format: WAVFormat
        public let encoding: OggOpusEncoder.Summary
    }

    /// The value of the `ENCODER` comment we write.
    public static var encoderName: String { OggOpusIngest.encoderName }

    private let settings: OpusEncoderSettings
    private let tags: OpusTags
    private let output: (UnsafeRawBufferPointer) throws -> Void
    private let reader = WAVStreamReader()
    private var encoder: OggOpusEncoder?
    private var resampler: Resampler?
    private var inputSamples = 0
    private var resampledFed = 0

    /// - Parameters:
    ///   - title: written as the `TITLE` comment when given.
    ///   - language: a BCP 47 tag, written as the `LANGUAGE` comment when given.
    public init(
        settings: OpusEncoderSettings,
        title: String? = nil,
        language: String? = nil,
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) {
        self.settings = settings
        self.tags = OpusTags(comments: OggOpusIngest.comments(title: title, language: language))
        self.output = output
    }

    /// The source format, once the WAV header has been read.
    public var format: WAVFormat? { reader.format }

    public func consume(_ bytes: UnsafeRawBufferPointer) throws {
        try reader.consume(bytes) { samples in
            let encoder = try self.encoder ?? self.makeEncoder()
            self.inputSamples += samples.count
            if let resampler = self.resampler {
                try resampler.process(samples) { try self.feedResampled($0, to: encoder) }
            } else {
                try encoder.write(samples)
            }
        }
    }

    /// `OggOpusIngestor`: ends the input and reports in the common shape.
    public func finish() throws -> IngestResult {
        let result: Result = try finishWAV()
        return IngestResult(sourceFormat: result.format.sourceFormatName, inputSampleRate: result.format.sampleRate,
                            inputChannels: result.format.channels, encoding: result.encoding, encoded: true)
    }

    /// Ends the input: checks the WAV was complete, drains the resampler and closes the stream.
    public func finishWAV() throws -> Result {
        try reader.finish()
        guard let format = reader.format, let encoder, inputSamples > 0 else { throw WAVError.noAudio }
        var length48k: Int?
        if let resampler {
            try resampler.flush { try self.feedResampled($0, to: encoder) }
            length48k = targetLength48k(sampleRate: format.sampleRate)
        }
        return Result(format: format, encoding: try encoder.finish(length48k: length48k))
    }

    private func makeEncoder() throws -> OggOpusEncoder {
        guard let format = reader.format else { preconditionFailure("samples before format") }
        let encodeRate = OpusEncoder.supportedSampleRates.contains(format.sampleRate) ? format.sampleRate : 48_000
        if encodeRate != format.sampleRate {
            resampler = try Resampler(inputRate: format.sampleRate, outputRate: 48_000)
        }
        let encoder = try OggOpusEncoder(
            sampleRate: encodeRate,
            originalSampleRate: format.sampleRate,
            settings: settings,
            tags: tags,
            output: output
        )
        self.encoder = encoder
        return encoder
    }

    /// The exact 48 kHz length of the input, rounded to the nearest sample.
    private func targetLength48k(sampleRate: Int) -> Int {
        Int((Int64(inputSamples) * 48_000 + Int64(sampleRate / 2)) / Int64(sampleRate))
    }

    /// Feeds resampled audio, never past the input's exact 48 kHz length (the filter's tail may overshoot).
    private func feedResampled(_ samples: UnsafeBufferPointer<Float>, to encoder: OggOpusEncoder) throws {
        let limit = targetLength48k(sampleRate: resampler!.inputRate)
        let count = max(0, min(samples.count, limit - resampledFed))
        guard count > 0 else { return }
        resampledFed += count
        try encoder.write(UnsafeBufferPointer(rebasing: samples[0..<count]))
    }
}
