/// The audio track of a WebM/Matroska file, as its TrackEntry describes it.
public struct WebMAudioTrack: Sendable, Equatable {
    public enum Codec: Sendable, Equatable {
        /// `A_OPUS`: CodecPrivate is the OpusHead.
        case opus(OpusHead)
        /// `A_PCM/INT/LIT` or `A_PCM/FLOAT/IEEE`: interleaved little-endian samples.
        case pcm(WAVFormat)
    }

    public let number: UInt64
    public let codec: Codec
    /// Nanoseconds of decoder delay (Opus pre-skip).
    public let codecDelayNs: UInt64
}
