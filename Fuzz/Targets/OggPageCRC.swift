/// libFuzzer's mutations almost never leave an Ogg page's CRC right, so on raw inputs it would
/// only ever test libogg's CRC check. The Ogg-based targets also parse a copy of each input whose
/// pages (wherever "OggS" starts a page that fits) carry recomputed CRCs, so mutated headers and
/// packets reach our parsers.
enum OggPageCRC {
    /// CRC-32 as Ogg computes it: polynomial 0x04C11DB7, not reflected, initial value 0.
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index) << 24) { crc, _ in crc & 0x8000_0000 != 0 ? crc << 1 ^ 0x04C1_1DB7 : crc << 1 }
    }

    /// `bytes` with the CRC of every complete page recomputed.
    static func fixed(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var position = 0
        while position + 27 <= out.count {
            guard out[position..<(position + 4)].elementsEqual("OggS".utf8) else {
                position += 1
                continue
            }
            let headerLength = 27 + Int(out[position + 26])
            guard position + headerLength <= out.count else { break }
            let end = position + headerLength + out[(position + 27)..<(position + headerLength)].reduce(0) { $0 + Int($1) }
            guard end <= out.count else { break }
            for index in 22..<26 { out[position + index] = 0 }
            let crc = out[position..<end].reduce(UInt32(0)) { crc, byte in crc << 8 ^ table[Int(crc >> 24 ^ UInt32(byte))] }
            for index in 0..<4 { out[position + 22 + index] = UInt8(truncatingIfNeeded: crc >> (8 * index)) }
            position = end
        }
        return out
    }
}
