import AudioCodec

/// Reads a CAF header back, independently of the writer, and checks it against the layout it was
/// made from: chunk sizes, the audio description, and a packet table whose frame counts add up
/// (valid + priming + remainder = the packets' frames, none negative, as Apple's decoder needs).
enum CAFHeaderCheck {
    static func verify(_ header: [UInt8], _ layout: CAFOpusWriter.Layout) {
        var reader = Reader(bytes: header)
        invariant(reader.fourCC() == "caff" && reader.int(2) == 1 && reader.int(2) == 0, "CAF file header")
        var framesPerPacket = -1
        var sawTable = false
        while true {
            let type = reader.fourCC(), size = reader.int(8)
            let end = reader.position + size
            switch type {
            case "desc":
                invariant(size == 32, "desc size \(size)")
                invariant(reader.int(8) == Int(Double(48_000).bitPattern) && reader.fourCC() == "opus", "desc format")
                _ = (reader.int(4), reader.int(4))  // flags, bytes per packet
                framesPerPacket = reader.int(4)
                invariant(reader.int(4) == layout.head.channelCount, "desc channels")
                invariant(Set(layout.packetDurations) == [framesPerPacket] || framesPerPacket == 0, "frames per packet \(framesPerPacket)")
            case "pakt":
                invariant(framesPerPacket >= 0, "pakt before desc")
                verifyTable(&reader, end: end, framesPerPacket: framesPerPacket, layout)
                sawTable = true
            case "data":
                invariant(sawTable, "data before pakt")
                invariant(size == 4 + layout.dataBytes, "data size \(size) for \(layout.dataBytes) bytes of packets")
                invariant(reader.position + 4 == header.count, "header does not end at the first packet")
                return
            default:
                invariant(type == "chan", "unexpected chunk \(type)")
            }
            reader.position = end
        }
    }

    private static func verifyTable(_ reader: inout Reader, end: Int, framesPerPacket: Int, _ layout: CAFOpusWriter.Layout) {
        let count = reader.int(8), valid = reader.int(8), priming = reader.int(4, signed: true), remainder = reader.int(4, signed: true)
        let total = layout.packetDurations.reduce(0, +)
        invariant(count == layout.packetSizes.count, "pakt packet count")
        invariant(valid >= 0 && priming >= 0 && remainder >= 0, "pakt frames valid \(valid) priming \(priming) remainder \(remainder)")
        invariant(valid + priming + remainder == total, "pakt frames \(valid)+\(priming)+\(remainder) for \(total)")
        for (size, duration) in zip(layout.packetSizes, layout.packetDurations) {
            invariant(reader.variableLength() == size, "pakt packet size")
            if framesPerPacket == 0 { invariant(reader.variableLength() == duration, "pakt packet duration") }
        }
        invariant(reader.position == end, "pakt size does not match its table")
    }

    /// Big-endian fields and CAF variable-length integers; running past the end is a bug.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func int(_ width: Int, signed: Bool = false) -> Int {
            invariant(position + width <= bytes.count, "header ends inside a field")
            defer { position += width }
            let value = bytes[position..<(position + width)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard signed, width < 8, value >> (width * 8 - 1) != 0 else { return Int(truncatingIfNeeded: value) }
            return Int(value) - (1 << (width * 8))
        }

        mutating func fourCC() -> String {
            invariant(position + 4 <= bytes.count, "header ends inside a chunk type")
            defer { position += 4 }
            return String(decoding: bytes[position..<(position + 4)], as: UTF8.self)
        }

        mutating func variableLength() -> Int {
            var value = 0
            while true {
                let byte = int(1)
                value = value << 7 | byte & 0x7F
                if byte & 0x80 == 0 { return value }
            }
        }
    }
}
