import COgg

/// The first page of an Ogg Opus stream holds the OpusHead alone; changing its output gain after the
/// stream is written means rewriting that page (same length) with a new CRC.
public enum OpusHeadPage {
    /// The first page with the OpusHead's output gain replaced and its CRC recomputed (by libogg).
    public static func withOutputGain(_ gain: Int16, page: [UInt8]) throws(OggOpusError) -> [UInt8] {
        guard page.count >= 27, page[0..<4].elementsEqual("OggS".utf8) else { throw .notOgg }
        let segments = Int(page[26])
        let headerLength = 27 + segments
        guard page.count >= headerLength + 19, page[headerLength..<(headerLength + 8)].elementsEqual("OpusHead".utf8) else {
            throw .invalidOpusHead("first page does not hold an OpusHead")
        }
        var header = Array(page[0..<headerLength])
        var body = Array(page[headerLength...])
        let value = UInt16(bitPattern: gain)
        body[16] = UInt8(value & 0xFF)
        body[17] = UInt8(value >> 8)
        header.withUnsafeMutableBufferPointer { headerBuffer in
            body.withUnsafeMutableBufferPointer { bodyBuffer in
                var oggPage = ogg_page(header: headerBuffer.baseAddress, header_len: headerBuffer.count,
                                       body: bodyBuffer.baseAddress, body_len: bodyBuffer.count)
                ogg_page_checksum_set(&oggPage)
            }
        }
        return header + body
    }

    /// Length of the first page in `bytes` (header + body), or nil if incomplete.
    public static func firstPageLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 27 else { return nil }
        let segments = Int(bytes[26])
        guard bytes.count >= 27 + segments else { return nil }
        let length = 27 + segments + bytes[27..<(27 + segments)].reduce(0) { $0 + Int($1) }
        return bytes.count >= length ? length : nil
    }
}
