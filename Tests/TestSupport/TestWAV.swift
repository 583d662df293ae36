import AudioCodec
import Foundation

/// Builds WAV files in memory for tests, in every layout the reader must take.
public enum TestWAV {
    /// Encodes mono `signal` (in [-1, 1]) as a WAV of the given layout; every channel carries the
    /// same signal so the downmix gives it back.
    public static func make(
        _ signal: [Float],
        sampleRate: Int,
        channels: Int = 1,
        encoding: WAVFormat.Encoding = .integer,
        bits: Int = 16,
        extensible: Bool = false,
        dataSize: UInt32? = nil,
        extraChunksBeforeData: [(String, [UInt8])] = []
    ) -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(signal.count * channels * bits / 8)
        for sample in signal {
            for _ in 0..<channels { appendSample(sample, encoding: encoding, bits: bits, to: &data) }
        }
        var fmt: [UInt8] = []
        let tag: UInt16 = extensible ? 0xFFFE : (encoding == .integer ? 1 : 3)
        fmt.le(tag); fmt.le(UInt16(channels)); fmt.le(UInt32(sampleRate))
        fmt.le(UInt32(sampleRate * channels * bits / 8)); fmt.le(UInt16(channels * bits / 8)); fmt.le(UInt16(bits))
        if extensible {
            fmt.le(UInt16(22)); fmt.le(UInt16(bits)); fmt.le(UInt32(0))
            fmt.le(UInt16(encoding == .integer ? 1 : 3))
            fmt += [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        }
        var body: [UInt8] = Array("WAVE".utf8)
        body += chunk("fmt ", fmt)
        for (id, bytes) in extraChunksBeforeData { body += chunk(id, bytes) }
        body += Array("data".utf8)
        body.le(dataSize ?? UInt32(data.count))
        body += data
        if data.count % 2 == 1 { body.append(0) }
        var file: [UInt8] = Array("RIFF".utf8)
        file.le(UInt32(body.count))
        return file + body
    }

    /// One RIFF chunk with its pad byte.
    public static func chunk(_ id: String, _ bytes: [UInt8]) -> [UInt8] {
        var out = Array(id.utf8)
        out.le(UInt32(bytes.count))
        out += bytes
        if bytes.count % 2 == 1 { out.append(0) }
        return out
    }

    private static func appendSample(_ sample: Float, encoding: WAVFormat.Encoding, bits: Int, to data: inout [UInt8]) {
        let clipped = Double(max(-1, min(1, sample)))
        switch (encoding, bits) {
        case (.integer, 8): data.append(UInt8(max(0, min(255, (clipped * 127).rounded() + 128))))
        case (.integer, 16): data.le(Int16((clipped * 32_767).rounded()))
        case (.integer, 24):
            let value = Int32((clipped * 8_388_607).rounded())
            data += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value >> 16)]
        case (.integer, _): data.le(Int32((clipped * 2_147_483_647).rounded()))
        case (.float, 32): data.le(Float(clipped).bitPattern)
        default: data.le(clipped.bitPattern)
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a little-endian integer.
    public mutating func le<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
