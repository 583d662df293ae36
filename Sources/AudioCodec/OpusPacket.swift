/// Reading an Opus packet's table-of-contents byte (RFC 6716 §3.1) to know how long it plays
/// without decoding it.
public enum OpusPacket {
    /// Frame size in 48 kHz samples for each of the 32 configurations.
    static let frameSizes: [Int] = (0..<32).map { config in
        switch config {
        case 0..<12: [480, 960, 1_920, 2_880][config % 4]  // SILK: 10, 20, 40, 60 ms
        case 12..<16: [480, 960][config % 2]  // hybrid: 10, 20 ms
        default: [120, 240, 480, 960][config % 4]  // CELT: 2.5, 5, 10, 20 ms
        }
    }

    /// A packet no decoder may play may last at most 120 ms.
    public static let maxDuration = 5_760
    /// The largest packet: 120 ms of frames of at most 1275 bytes each, with framing.
    public static let maxPacketBytes = 6 * 1_275 + 64

    /// The packet's duration in 48 kHz samples.
    public static func duration(of packet: UnsafeRawBufferPointer) throws(OpusPacketError) -> Int {
        guard let toc = packet.first else { throw .empty }
        let frameSize = frameSizes[Int(toc >> 3)]
        let frames: Int
        switch toc & 0x3 {
        case 0: frames = 1
        case 1, 2: frames = 2
        default:
            guard packet.count >= 2 else { throw .truncated }
            frames = Int(packet[1] & 0x3F)
            guard frames > 0 else { throw .noFrames }
        }
        let duration = frames * frameSize
        guard duration <= maxDuration else { throw .tooLong(duration) }
        return duration
    }
}

/// Why bytes are not a playable Opus packet.
public enum OpusPacketError: Error, Equatable, CustomStringConvertible {
    case empty, truncated, noFrames
    case tooLong(Int)

    public var description: String {
        switch self {
        case .empty: "empty Opus packet"
        case .truncated: "Opus packet truncated after its TOC byte"
        case .noFrames: "Opus packet declares zero frames"
        case .tooLong(let samples): "Opus packet lasts \(samples / 48) ms, more than the 120 ms allowed"
        }
    }
}
