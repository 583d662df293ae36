extension WAVStreamReader {
    static let formatTagPCM: UInt16 = 0x0001
    static let formatTagFloat: UInt16 = 0x0003
    static let formatTagExtensible: UInt16 = 0xFFFE
    /// Bytes 2…15 of the KSDATAFORMAT_SUBTYPE GUIDs for PCM and IEEE float.
    static let subFormatGUIDTail: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// Validates a `fmt ` chunk body and turns it into a `WAVFormat`.
    static func parseFormat(_ chunk: [UInt8]) throws -> WAVFormat {
        var tag = chunk.littleEndianUInt16(at: 0)
        let channels = Int(chunk.littleEndianUInt16(at: 2))
        let sampleRate = Int(chunk.littleEndianUInt32(at: 4))
        let blockAlign = Int(chunk.littleEndianUInt16(at: 12))
        let bits = Int(chunk.littleEndianUInt16(at: 14))
        let isExtensible = tag == formatTagExtensible
        if isExtensible {
            // cbSize (2) + valid bits (2) + channel mask (4) + sub-format GUID (16) after the 16 basic bytes.
            guard chunk.count >= 40, chunk.littleEndianUInt16(at: 16) >= 22 else { throw WAVError.invalidFormatChunkSize(chunk.count) }
            guard Array(chunk[26..<40]) == subFormatGUIDTail else { throw WAVError.unsupportedSubFormat }
            tag = chunk.littleEndianUInt16(at: 24)
            guard tag == formatTagPCM || tag == formatTagFloat else { throw WAVError.unsupportedSubFormat }
        }
        let encoding: WAVFormat.Encoding
        switch tag {
        case formatTagPCM: encoding = .integer
        case formatTagFloat: encoding = .float
        default: throw WAVError.unsupportedFormatTag(tag)
        }
        guard channels > 0 else { throw WAVError.zeroChannels }
        guard WAVFormat.sampleRateRange.contains(sampleRate) else { throw WAVError.sampleRateOutOfRange(sampleRate) }
        let validBits: Set<Int> = encoding == .integer ? [8, 16, 24, 32] : [32, 64]
        guard validBits.contains(bits) else { throw WAVError.unsupportedBitsPerSample(bits, encoding) }
        let format = WAVFormat(encoding: encoding, bitsPerSample: bits, channels: channels, sampleRate: sampleRate, isExtensible: isExtensible)
        guard blockAlign == format.blockAlign else {
            throw WAVError.inconsistentBlockAlign(declared: blockAlign, expected: format.blockAlign)
        }
        return format
    }
}
