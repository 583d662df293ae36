import AudioCodec

/// CAF output from an Ogg Opus stream (`GET /media/ID.caf`): the first pass
/// (`CAFOpusWriter.LayoutReader`) fed whole and in pieces must agree; when it accepts, the header
/// must be a consistent CAF header for that layout and the second pass must hand out exactly the
/// packets the table lists. Inputs get their Ogg page CRCs recomputed first (see `OggPageCRC`);
/// the CRC check itself is the Ogg target's business.
public enum CAFFuzzTarget {
    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        check(OggPageCRC.fixed(bytes))
    }

    /// One input, with its page CRCs already right (see `OggPageCRC`).
    private static func check(_ bytes: [UInt8]) {
        let layout = FuzzFeed.agree(bytes) { plan in
            let reader = CAFOpusWriter.LayoutReader()
            try FuzzFeed.feed(bytes, plan) { try reader.consume($0) }
            return try reader.finish()
        }
        guard let layout else { return }
        CAFHeaderCheck.verify(CAFOpusWriter.header(for: layout), layout)
        var sizes: [Int] = []
        do {
            let packets = CAFOpusWriter.PacketReader()
            try bytes.withUnsafeBytes { try packets.consume($0) { sizes.append($0.count) } }
        } catch {
            fatalError("the second pass refused what the first accepted: \(error)")
        }
        invariant(sizes == layout.packetSizes, "second pass packets \(sizes) vs table \(layout.packetSizes)")
    }
}
