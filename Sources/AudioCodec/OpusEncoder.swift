import COpus

/// A mono libopus encoder set up for speech (VOIP application, voice signal, VBR).
///
/// Owns the `OpusEncoder*`; it is destroyed with the object. Not thread-safe: use it from one task.
public final class OpusEncoder {
    /// Sample rates libopus encodes natively.
    public static let supportedSampleRates: Set<Int> = [8_000, 12_000, 16_000, 24_000, 48_000]
    /// The largest packet we let libopus write; 1275 bytes is the codec's maximum for one frame.
    static let maxPacketBytes = 1_275

    private let encoder: OpaquePointer
    /// Sample rate of the PCM given to `encode`.
    public let sampleRate: Int
    /// Samples per 20 ms frame at `sampleRate`.
    public let frameSize: Int
    /// The encoder's algorithmic delay in samples at `sampleRate` (`OPUS_GET_LOOKAHEAD`).
    public let lookahead: Int
    private var packet = [UInt8](repeating: 0, count: OpusEncoder.maxPacketBytes)

    public init(sampleRate: Int, settings: OpusEncoderSettings) throws(OpusError) {
        guard Self.supportedSampleRates.contains(sampleRate) else {
            throw OpusError(code: OPUS_BAD_ARG, operation: "opus_encoder_create at \(sampleRate) Hz")
        }
        var status: Int32 = OPUS_OK
        guard let encoder = opus_encoder_create(Int32(sampleRate), 1, OPUS_APPLICATION_VOIP, &status), status == OPUS_OK else {
            throw OpusError(code: status == OPUS_OK ? OPUS_ALLOC_FAIL : status, operation: "opus_encoder_create")
        }
        // Set up before anything is stored: a class whose initializer throws once every stored
        // property is set runs its deinit, which would destroy the encoder a second time.
        var lookahead: Int32 = 0
        do {
            try OpusError.check(parlons_opus_set_bitrate(encoder, Int32(settings.bitrate)), "OPUS_SET_BITRATE")
            try OpusError.check(parlons_opus_set_vbr(encoder, 1), "OPUS_SET_VBR")
            try OpusError.check(parlons_opus_set_complexity(encoder, Int32(settings.complexity)), "OPUS_SET_COMPLEXITY")
            try OpusError.check(parlons_opus_set_signal(encoder, OPUS_SIGNAL_VOICE), "OPUS_SET_SIGNAL")
            try OpusError.check(parlons_opus_get_lookahead(encoder, &lookahead), "OPUS_GET_LOOKAHEAD")
        } catch let error as OpusError {
            opus_encoder_destroy(encoder)
            throw error
        } catch {
            opus_encoder_destroy(encoder)
            throw OpusError(code: OPUS_INTERNAL_ERROR, operation: "encoder set-up")
        }
        self.encoder = encoder
        self.sampleRate = sampleRate
        self.frameSize = sampleRate * OpusEncoderSettings.frameDurationMs / 1_000
        self.lookahead = Int(lookahead)
    }

    deinit { opus_encoder_destroy(encoder) }

    /// Encodes exactly one frame (`frameSize` samples) and hands the packet to `body`.
    public func encode<R>(
        frame: UnsafeBufferPointer<Float>,
        _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R {
        precondition(frame.count == frameSize, "Opus frames are \(frameSize) samples")
        let length = packet.withUnsafeMutableBufferPointer { out in
            opus_encode_float(encoder, frame.baseAddress!, Int32(frameSize), out.baseAddress!, Int32(out.count))
        }
        try OpusError.check(length, "opus_encode_float")
        return try packet.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<Int(length)])) }
    }
}
