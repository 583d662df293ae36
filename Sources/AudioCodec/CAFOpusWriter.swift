/// Ogg Opus to Apple's Core Audio Format with the same Opus packets (no re-encode), for Safari
/// before 18.4, which plays Opus only from CAF. Two passes over the Ogg bytes: the first gathers
/// the packet table (CAF puts it before the audio), the second hands out the packets.
public struct CAFOpusWriter {
    /// What the first pass learned.
    public struct Layout: Sendable, Equatable {
        public let head: OpusHead
        public let packetSizes: [Int]
        public let packetDurations: [Int]
        /// Samples (48 kHz) to play after pre-skip: the end-trimmed length.
        public let validFrames: Int

        public var dataBytes: Int { packetSizes.reduce(0, +) }
    }

    /// First pass: reads the Ogg stream's packets (their sizes and TOC durations).
    public final class LayoutReader {
        private let reader = OggPacketReader()
        private var head: OpusHead?
        private var index = 0
        private var sizes: [Int] = []
        private var durations: [Int] = []
        private var lastGranule: Int64 = -1

        public init() {}

        public func consume(_ bytes: UnsafeRawBufferPointer) throws {
            try reader.consume(bytes, packet: { packet, _ in
                defer { self.index += 1 }
                if self.index == 0 { self.head = try OpusHead(parsing: packet); return }
                if self.index == 1 { return }
                self.sizes.append(packet.count)
                do { self.durations.append(try OpusPacket.duration(of: packet)) } catch let error as OpusPacketError { throw OggOpusError.invalidPacket(error) }
            }, pageEnd: { page in
                if page.granulePosition >= 0 { self.lastGranule = page.granulePosition }
            })
        }

        public func finish() throws -> Layout {
            try reader.finish()
            guard let head, !sizes.isEmpty else { throw OggOpusError.noAudio }
            let total = durations.reduce(0, +)
            let valid = max(0, min(total, Int(lastGranule)) - head.preSkip)
            return Layout(head: head, packetSizes: sizes, packetDurations: durations, validFrames: valid)
        }
    }

    /// Everything before the packets: `caff` header, `desc`, `chan`, `pakt`, and the `data` chunk header.
    public static func header(for layout: Layout) -> [UInt8] {
        let constant = Set(layout.packetDurations).count == 1 ? layout.packetDurations[0] : 0
        var bytes = Array("caff".utf8)
        bytes.appendBigEndian(UInt16(1))
        bytes.appendBigEndian(UInt16(0))
        // Audio description: 48 kHz Opus, variable packet size.
        bytes += Array("desc".utf8)
        bytes.appendBigEndian(Int64(32))
        bytes.appendBigEndian(Double(48_000).bitPattern)
        bytes += Array("opus".utf8)
        bytes.appendBigEndian(UInt32(0))  // format flags
        bytes.appendBigEndian(UInt32(0))  // bytes per packet: variable
        bytes.appendBigEndian(UInt32(constant))  // frames per packet (0: given per packet in pakt)
        bytes.appendBigEndian(UInt32(layout.head.channelCount))
        bytes.appendBigEndian(UInt32(0))  // bits per channel
        // Channel layout: mono or stereo tag.
        bytes += Array("chan".utf8)
        bytes.appendBigEndian(Int64(12))
        bytes.appendBigEndian(UInt32(layout.head.channelCount == 2 ? 0x65_0002 : 0x64_0001))
        bytes.appendBigEndian(UInt32(0))
        bytes.appendBigEndian(UInt32(0))
        // Packet table: sizes (and durations when they vary), priming = pre-skip, remainder = padding.
        var table: [UInt8] = []
        for (size, duration) in zip(layout.packetSizes, layout.packetDurations) {
            table += variableLength(size)
            if constant == 0 { table += variableLength(duration) }
        }
        let total = layout.packetDurations.reduce(0, +)
        // Valid + priming + remainder must equal the packets' frames, none negative, even when the
        // pre-skip is longer than the whole stream (then every frame is priming).
        let priming = min(layout.head.preSkip, total)
        bytes += Array("pakt".utf8)
        bytes.appendBigEndian(Int64(24 + table.count))
        bytes.appendBigEndian(Int64(layout.packetSizes.count))
        bytes.appendBigEndian(Int64(layout.validFrames))
        bytes.appendBigEndian(Int32(priming))
        bytes.appendBigEndian(Int32(total - priming - layout.validFrames))
        bytes += table
        bytes += Array("data".utf8)
        bytes.appendBigEndian(Int64(4 + layout.dataBytes))
        bytes.appendBigEndian(UInt32(0))  // edit count
        return bytes
    }

    /// Second pass: the audio packets of the Ogg stream, in order.
    public final class PacketReader {
        private let reader = OggPacketReader()
        private var index = 0

        public init() {}

        public func consume(_ bytes: UnsafeRawBufferPointer, packet: (UnsafeRawBufferPointer) throws -> Void) throws {
            try reader.consume(bytes, packet: { data, _ in
                defer { self.index += 1 }
                if self.index >= 2 { try packet(data) }
            }, pageEnd: { _ in })
        }
    }

    /// CAF's variable-length integers: 7 bits a byte, most significant first, high bit = more.
    static func variableLength(_ value: Int) -> [UInt8] {
        var groups: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            groups.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return groups
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
