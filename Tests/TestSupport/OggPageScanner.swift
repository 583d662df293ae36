/// A deliberately independent Ogg page parser (no libogg) so tests can check the page layout our
/// writer produced: flags, granule positions and packet boundaries.
public struct OggPageScanner {
    public struct Page: Sendable {
        public let headerType: UInt8
        public let granulePosition: Int64
        public let serialNumber: UInt32
        public let sequence: UInt32
        /// Sizes of the packets (or packet pieces) that end on this page.
        public let packetSizes: [Int]
        /// True when the last lacing value is 255: a packet continues on the next page.
        public let endsWithContinuation: Bool
        public let byteRange: Range<Int>

        public var isBeginningOfStream: Bool { headerType & 0x02 != 0 }
        public var isEndOfStream: Bool { headerType & 0x04 != 0 }
        public var isContinuation: Bool { headerType & 0x01 != 0 }
    }

    public enum Failure: Error { case badCapture(Int), truncated(Int) }

    public static func pages(_ bytes: [UInt8]) throws -> [Page] {
        var pages: [Page] = []
        var position = 0
        while position < bytes.count {
            guard bytes.count - position >= 27 else { throw Failure.truncated(position) }
            guard bytes[position..<(position + 4)].elementsEqual("OggS".utf8) else { throw Failure.badCapture(position) }
            func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[position + at + $1]) << (8 * $1) } }
            let granule = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[position + 6 + $1]) << (8 * $1) }
            let segments = Int(bytes[position + 26])
            guard bytes.count - position >= 27 + segments else { throw Failure.truncated(position) }
            let lacing = bytes[(position + 27)..<(position + 27 + segments)]
            var sizes: [Int] = []
            var current = 0
            for value in lacing {
                current += Int(value)
                if value < 255 { sizes.append(current); current = 0 }
            }
            let bodyLength = lacing.reduce(0) { $0 + Int($1) }
            let end = position + 27 + segments + bodyLength
            guard end <= bytes.count else { throw Failure.truncated(position) }
            pages.append(Page(
                headerType: bytes[position + 5],
                granulePosition: Int64(bitPattern: granule),
                serialNumber: u32(14),
                sequence: u32(18),
                packetSizes: sizes,
                endsWithContinuation: lacing.last == 255,
                byteRange: position..<end
            ))
            position = end
        }
        return pages
    }
}

extension OggPageScanner {
    /// Every packet of the stream, in order, reassembled across pages (headers included).
    public static func packets(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var packets: [[UInt8]] = []
        var current: [UInt8] = []
        var position = 0
        while position < bytes.count {
            guard bytes.count - position >= 27 else { throw Failure.truncated(position) }
            let segments = Int(bytes[position + 26])
            var body = position + 27 + segments
            for lacing in bytes[(position + 27)..<(position + 27 + segments)] {
                current += bytes[body..<(body + Int(lacing))]
                body += Int(lacing)
                if lacing < 255 {
                    packets.append(current)
                    current = []
                }
            }
            position = body
        }
        return packets
    }
}
