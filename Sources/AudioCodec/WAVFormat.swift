/// The sample layout a WAV file's `fmt ` chunk declares.
public struct WAVFormat: Sendable, Equatable {
    /// How each sample is stored.
    public enum Encoding: Sendable, Equatable {
        /// Integer PCM: 8-bit unsigned, 16/24/32-bit signed little-endian.
        case integer
        /// IEEE float, 32 or 64 bit.
        case float
    }

    /// Lowest and highest sample rates we consider real audio.
    public static let sampleRateRange = 1_000...384_000

    public let encoding: Encoding
    /// Container size of one sample, in bits.
    public let bitsPerSample: Int
    public let channels: Int
    public let sampleRate: Int
    /// `WAVE_FORMAT_EXTENSIBLE` carried the real format in its sub-format GUID.
    public let isExtensible: Bool

    public var bytesPerSample: Int { bitsPerSample / 8 }
    /// Bytes in one frame (one sample of every channel).
    public var blockAlign: Int { bytesPerSample * channels }

    public init(encoding: Encoding, bitsPerSample: Int, channels: Int, sampleRate: Int, isExtensible: Bool = false) {
        self.encoding = encoding
        self.bitsPerSample = bitsPerSample
        self.channels = channels
        self.sampleRate = sampleRate
        self.isExtensible = isExtensible
    }

    /// A short name for the source format, e.g. `wav/pcm16` or `wav/float32`.
    public var sourceFormatName: String {
        "wav/\(encoding == .integer ? "pcm" : "float")\(bitsPerSample)"
    }
}
