/// How recordings are encoded: the settings DESIGN.md fixes for speech, with the bitrate configurable.
public struct OpusEncoderSettings: Sendable, Equatable {
    /// The bitrates Parlons accepts, in bits per second.
    public static let bitrateRange = 12_000...64_000
    /// Speech at 24 kb/s: about 180 KB a minute.
    public static let defaultBitrate = 24_000

    /// Target bitrate in bits per second (VBR, so an average).
    public let bitrate: Int
    /// libopus complexity, 0…10.
    public let complexity: Int

    /// Frames are always 20 ms: the best trade-off for speech and what every player expects.
    public static let frameDurationMs = 20

    public init(bitrate: Int = OpusEncoderSettings.defaultBitrate, complexity: Int = 10) throws(AudioSettingsError) {
        guard Self.bitrateRange.contains(bitrate) else { throw .bitrateOutOfRange(bitrate) }
        guard (0...10).contains(complexity) else { throw .complexityOutOfRange(complexity) }
        self.bitrate = bitrate
        self.complexity = complexity
    }
}

/// A setting outside what the encoder accepts.
public enum AudioSettingsError: Error, Equatable, CustomStringConvertible {
    case bitrateOutOfRange(Int)
    case complexityOutOfRange(Int)

    public var description: String {
        switch self {
        case .bitrateOutOfRange(let value):
            "bitrate \(value) b/s is outside \(OpusEncoderSettings.bitrateRange.lowerBound)…\(OpusEncoderSettings.bitrateRange.upperBound) b/s"
        case .complexityOutOfRange(let value):
            "complexity \(value) is outside 0…10"
        }
    }
}
