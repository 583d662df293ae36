/// Encodes mono float PCM into an Ogg Opus stream (RFC 7845), handing out pages as they fill.
///
/// Pre-skip is `OPUS_GET_LOOKAHEAD` scaled to 48 kHz; the tail is padded with silence and trimmed
/// by the last page's granule position, so the decoded length equals the input length exactly.
/// Page layout and granules are `OggOpusStreamWriter`'s.
public final class OggOpusEncoder {
    /// What an encode produced.
    public struct Summary: Sendable, Equatable {
        /// Length of the decoded audio at 48 kHz, after pre-skip and end trimming.
        public let sampleCount48k: Int
        public let preSkip: Int
        public let packetCount: Int
        public var durationMs: Int { Int((Int64(sampleCount48k) * 1_000 + 24_000) / 48_000) }

        public init(sampleCount48k: Int, preSkip: Int, packetCount: Int) {
            self.sampleCount48k = sampleCount48k
            self.preSkip = preSkip
            self.packetCount = packetCount
        }
    }

    private let encoder: OpusEncoder
    private let writer: OggOpusStreamWriter
    /// 48 kHz samples per sample at the encoder's rate.
    private let upsampling: Int
    public var head: OpusHead { writer.head }
    private var frame: [Float]
    private var frameFill = 0
    private var samplesIn = 0
    private var finished = false

    /// - Parameters:
    ///   - sampleRate: rate of the PCM given to `write`; one of `OpusEncoder.supportedSampleRates`.
    ///   - originalSampleRate: the source's rate before any resampling, recorded in the OpusHead.
    ///   - outputGain: Q7.8 dB gain for decoders to apply (loudness normalisation without re-encoding).
    ///   - output: receives the stream's bytes, page by page.
    public init(
        sampleRate: Int,
        originalSampleRate: Int? = nil,
        outputGain: Int16 = 0,
        settings: OpusEncoderSettings,
        tags: OpusTags,
        serialNumber: Int32 = .random(in: .min ... .max),
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        encoder = try OpusEncoder(sampleRate: sampleRate, settings: settings)
        upsampling = 48_000 / sampleRate
        let head = OpusHead(channelCount: 1, preSkip: encoder.lookahead * upsampling,
                            inputSampleRate: originalSampleRate ?? sampleRate, outputGain: outputGain)
        writer = try OggOpusStreamWriter(head: head, tags: tags, serialNumber: serialNumber, output: output)
        frame = [Float](repeating: 0, count: encoder.frameSize)
    }

    /// Encodes the samples, buffering less than one frame between calls.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        precondition(!finished, "write after finish")
        samplesIn += samples.count
        var index = 0
        while index < samples.count {
            let taken = min(frame.count - frameFill, samples.count - index)
            frame.withUnsafeMutableBufferPointer { buffer in
                for offset in 0..<taken { buffer[frameFill + offset] = samples[index + offset] }
            }
            frameFill += taken
            index += taken
            if frameFill == frame.count { try encodeFrame() }
        }
    }

    /// Pads and encodes the tail, writes the end-of-stream page and returns the summary.
    ///
    /// - Parameter length48k: the decoded length to declare; by default the samples written,
    ///   counted at 48 kHz. The resampling path passes the exact resampled length of its input.
    public func finish(length48k: Int? = nil) throws -> Summary {
        precondition(!finished, "finish twice")
        finished = true
        let length = length48k ?? samplesIn * upsampling
        // Encode until the decoder, after skipping pre-skip, can produce `length` samples.
        while Int(writer.decodedSamples) + frameFill * upsampling < head.preSkip + length || frameFill > 0 {
            frame.withUnsafeMutableBufferPointer { buffer in
                for index in frameFill..<buffer.count { buffer[index] = 0 }
            }
            frameFill = frame.count
            try encodeFrame()
        }
        let written = try writer.finish(length48k: length)
        return Summary(sampleCount48k: written, preSkip: head.preSkip, packetCount: writer.packetCount)
    }

    private func encodeFrame() throws {
        let duration = frame.count * upsampling
        try frame.withUnsafeBufferPointer { pcm in
            try encoder.encode(frame: pcm) { packet in try writer.write(packet: packet, duration: duration) }
        }
        frameFill = 0
    }
}
