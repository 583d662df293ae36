import COpus

/// A libopus multistream decoder for Opus streams with more than two channels (mapping family 1 or
/// 255), producing 48 kHz float PCM interleaved in the OpusHead's channel order.
///
/// Owns the `OpusMSDecoder*`; it is destroyed with the object. Not thread-safe: use it from one task.
public final class OpusMultistreamDecoder {
    private let decoder: OpaquePointer
    public let channels: Int
    private var pcm: [Float]

    /// - Parameter gain: output gain in Q7.8 dB, as the OpusHead carries it.
    public init(channels: Int, mapping: OpusChannelMapping, gain: Int16 = 0) throws(OpusError) {
        var status: Int32 = OPUS_OK
        let created = mapping.mapping.withUnsafeBufferPointer { table in
            opus_multistream_decoder_create(48_000, Int32(channels), Int32(mapping.streamCount), Int32(mapping.coupledCount),
                                            table.baseAddress!, &status)
        }
        guard let created, status == OPUS_OK else {
            throw OpusError(code: status == OPUS_OK ? OPUS_ALLOC_FAIL : status, operation: "opus_multistream_decoder_create")
        }
        if gain != 0 {
            let result = parlons_opus_ms_decoder_set_gain(created, Int32(gain))
            if result < 0 {
                opus_multistream_decoder_destroy(created)
                throw OpusError(code: result, operation: "OPUS_SET_GAIN")
            }
        }
        decoder = created
        self.channels = channels
        pcm = [Float](repeating: 0, count: OpusDecoder.maxFrameSamples * channels)
    }

    deinit { opus_multistream_decoder_destroy(decoder) }

    /// Decodes one packet (all its streams) and hands the interleaved samples to `body`.
    public func decode<R>(packet: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<Float>) throws -> R) throws -> R {
        let frames = pcm.withUnsafeMutableBufferPointer { out in
            opus_multistream_decode_float(decoder, packet.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(packet.count),
                                          out.baseAddress!, Int32(OpusDecoder.maxFrameSamples), 0)
        }
        try OpusError.check(frames, "opus_multistream_decode_float")
        return try pcm.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<(Int(frames) * channels)])) }
    }
}
