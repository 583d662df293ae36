/// The channel mapping table of an OpusHead with mapping family 1 or 255: how many Opus streams the
/// packets hold, how many of them are coupled (stereo), and which decoded channel comes from which.
public struct OpusChannelMapping: Sendable, Equatable {
    public let streamCount: Int
    public let coupledCount: Int
    /// One entry per output channel: the decoded stream channel it takes, or 255 for silence.
    public let mapping: [UInt8]

    init(parsing bytes: [UInt8], channels: Int) throws(OggOpusError) {
        guard bytes.count >= 21 + channels else { throw .invalidOpusHead("channel mapping table cut short") }
        streamCount = Int(bytes[19])
        coupledCount = Int(bytes[20])
        guard streamCount > 0, coupledCount <= streamCount, streamCount + coupledCount <= 255 else {
            throw .invalidOpusHead("\(streamCount) streams with \(coupledCount) coupled is impossible")
        }
        mapping = Array(bytes[21..<(21 + channels)])
        for entry in mapping where entry != 255 && Int(entry) >= streamCount + coupledCount {
            throw .invalidOpusHead("channel mapping entry \(entry) names no decoded channel")
        }
    }
}
