/// Encodes mono float PCM into an Ogg Opus stream following RFC 7845, handing out pages as they fill.
///
/// - OpusHead alone on the first page, pre-skip from `OPUS_GET_LOOKAHEAD` scaled to 48 kHz;
/// - OpusTags flushed on its own page(s);
/// - granule positions in 48 kHz samples, pages flushed at least every second of audio;
/// - the last page marked end-of-stream, its granule position trimming the padding so the decoded
///   length equals the input length exactly.
public final class OggOpusEncoder {
    /// What an encode produced.
    public struct Summary: Sendable, Equatable {
        /// Length of the decoded audio at 48 kHz, after pre-skip and end trimming.
        public let sampleCount48k: Int
        public let preSkip: Int
        public let packetCount: Int
        public var durationMs: Int { Int((Int64(sampleCount48k) * 1_000 + 24_000) / 48_000) }
    }

    /// Packets per forced page flush: 50 × 20 ms = one second.
    static let packetsPerPage = 50

    private let encoder: OpusEncoder
    private let stream: OggStreamWriter
    private let output: (UnsafeRawBufferPointer) throws -> Void
    /// 48 kHz samples per sample at the encoder's rate.
    private let upsampling: Int
    public let head: OpusHead
    private var frame: [Float]
    private var frameFill = 0
    private var samplesIn = 0
    private var packetsEncoded = 0
    private var packetsSinceFlush = 0
    private var pending: [UInt8]?
    private var finished = false

    /// - Parameters:
    ///   - sampleRate: rate of the PCM given to `write`; one of `OpusEncoder.supportedSampleRates`.
    ///   - originalSampleRate: the source's rate before any resampling, recorded in the OpusHead.
    ///   - output: receives the stream's bytes, page by page.
    public init(
        sampleRate: Int,
        originalSampleRate: Int? = nil,
        settings: OpusEncoderSettings,
        tags: OpusTags,
        serialNumber: Int32 = .random(in: .min ... .max),
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        encoder = try OpusEncoder(sampleRate: sampleRate, settings: settings)
        stream = try OggStreamWriter(serialNumber: serialNumber)
        self.output = output
        upsampling = 48_000 / sampleRate
        head = OpusHead(channelCount: 1, preSkip: encoder.lookahead * upsampling, inputSampleRate: originalSampleRate ?? sampleRate)
        frame = [Float](repeating: 0, count: encoder.frameSize)
        try head.serialized().withUnsafeBytes { try stream.append(packet: $0, granulePosition: 0) }
        try stream.writePages(flush: true, to: output)
        try tags.serialized().withUnsafeBytes { try stream.append(packet: $0, granulePosition: 0) }
        try stream.writePages(flush: true, to: output)
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
        while packetsEncoded * frame.count * upsampling + frameFill * upsampling < head.preSkip + length || frameFill > 0 {
            frame.withUnsafeMutableBufferPointer { buffer in
                for index in frameFill..<buffer.count { buffer[index] = 0 }
            }
            frameFill = frame.count
            try encodeFrame()
        }
        try emitPending(granulePosition: Int64(head.preSkip + length), endOfStream: true)
        try stream.writePages(flush: true, to: output)
        return Summary(sampleCount48k: length, preSkip: head.preSkip, packetCount: packetsEncoded)
    }

    private func encodeFrame() throws {
        let packet = try frame.withUnsafeBufferPointer { try encoder.encode(frame: $0) { [UInt8]($0) } }
        frameFill = 0
        // Each packet is queued one step late so the last one can carry the end-of-stream flag.
        try emitPending(granulePosition: Int64(packetsEncoded * frame.count * upsampling), endOfStream: false)
        pending = packet
        packetsEncoded += 1
    }

    private func emitPending(granulePosition: Int64, endOfStream: Bool) throws {
        guard let packet = pending else { return }
        pending = nil
        try packet.withUnsafeBytes { try stream.append(packet: $0, granulePosition: granulePosition, endOfStream: endOfStream) }
        packetsSinceFlush += 1
        if packetsSinceFlush >= Self.packetsPerPage {
            packetsSinceFlush = 0
            try stream.writePages(flush: true, to: output)
        } else {
            try stream.writePages(flush: false, to: output)
        }
    }
}
