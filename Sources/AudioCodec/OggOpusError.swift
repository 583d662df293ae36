/// Why a byte stream is not an Ogg Opus stream Parlons can read.
public enum OggOpusError: Error, Equatable, CustomStringConvertible {
    /// The stream does not start with the Ogg capture pattern.
    case notOgg
    /// A page failed its CRC or the capture pattern was lost mid-stream.
    case corruptPage(offset: Int)
    /// Pages are missing: libogg saw a hole in the page sequence.
    case missingPages
    case invalidOpusHead(String)
    case invalidOpusTags(String)
    case unsupportedChannelMapping(family: Int, channels: Int)
    /// More than one logical stream (chained or multiplexed).
    case multipleStreams
    /// A page's granule position is smaller than an earlier one.
    case granulePositionDecreased
    /// The stream ended before its headers were complete.
    case truncated
    /// libogg refused an operation (out of memory, bad state).
    case libogg(String)
    /// The stream has headers but not one audio packet.
    case noAudio
    /// An audio packet that is not valid Opus.
    case invalidPacket(OpusPacketError)

    public var description: String {
        switch self {
        case .notOgg: "not an Ogg stream (capture pattern 'OggS' missing)"
        case .corruptPage(let offset): "corrupt Ogg page near byte \(offset) (bad CRC or lost capture pattern)"
        case .missingPages: "Ogg pages missing (page sequence has a gap)"
        case .invalidOpusHead(let why): "invalid OpusHead: \(why)"
        case .invalidOpusTags(let why): "invalid OpusTags: \(why)"
        case .unsupportedChannelMapping(let family, let channels):
            "unsupported Opus channel mapping family \(family) with \(channels) channels"
        case .multipleStreams: "Ogg file holds more than one logical stream"
        case .granulePositionDecreased: "Ogg granule positions go backwards"
        case .truncated: "Ogg Opus stream ends before its headers are complete"
        case .libogg(let what): "libogg: \(what)"
        case .noAudio: "Ogg Opus stream holds no audio"
        case .invalidPacket(let error): "invalid Opus packet: \(error)"
        }
    }
}
