import COpus

/// A libopus decoder producing 48 kHz float PCM.
///
/// Owns the `OpusDecoder*`; it is destroyed with the object. Not thread-safe: use it from one task.
public final class OpusDecoder {
    /// The longest Opus packet holds 120 ms: 5760 samples per channel at 48 kHz.
    public static let maxFrameSamples = 5_760

    private let decoder: OpaquePointer
    /// Channels in the decoded output (1 or 2).
    public let channels: Int
    private var pcm: [Float]

    /// - Parameter gain: output gain in Q7.8 dB, as the OpusHead carries it.
    public init(channels: Int, gain: Int16 = 0) throws(OpusError) {
        guard channels == 1 || channels == 2 else {
            throw OpusError(code: OPUS_BAD_ARG, operation: "opus_decoder_create with \(channels) channels")
        }
        var status: Int32 = OPUS_OK
        guard let decoder = opus_decoder_create(48_000, Int32(channels), &status), status == OPUS_OK else {
            throw OpusError(code: status == OPUS_OK ? OPUS_ALLOC_FAIL : status, operation: "opus_decoder_create")
        }
        if gain != 0 {
            let result = parlons_opus_decoder_set_gain(decoder, Int32(gain))
            if result < 0 {
                opus_decoder_destroy(decoder)
                throw OpusError(code: result, operation: "OPUS_SET_GAIN")
            }
        }
        self.decoder = decoder
        self.channels = channels
        self.pcm = [Float](repeating: 0, count: Self.maxFrameSamples * channels)
    }

    deinit { opus_decoder_destroy(decoder) }

    /// Decodes one packet and hands the interleaved samples to `body`.
    public func decode<R>(
        packet: UnsafeRawBufferPointer,
        _ body: (UnsafeBufferPointer<Float>) throws -> R
    ) throws -> R {
        let frames = pcm.withUnsafeMutableBufferPointer { out in
            opus_decode_float(
                decoder,
                packet.baseAddress?.assumingMemoryBound(to: UInt8.self),
                Int32(packet.count),
                out.baseAddress!,
                Int32(Self.maxFrameSamples),
                0
            )
        }
        try OpusError.check(frames, "opus_decode_float")
        return try pcm.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<(Int(frames) * channels)])) }
    }
}
