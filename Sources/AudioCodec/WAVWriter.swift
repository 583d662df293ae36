/// Writes 16-bit PCM WAV: a header sized up front, then samples converted in blocks, so a WAV can be
/// streamed without holding it.
public enum WAVWriter {
    /// The 44-byte header of a 16-bit PCM WAV holding `frameCount` frames.
    public static func header(sampleRate: Int, channels: Int = 1, frameCount: Int) -> [UInt8] {
        let dataBytes = UInt32(clamping: frameCount * channels * 2)
        var bytes = Array("RIFF".utf8)
        bytes.appendLittleEndian(UInt32(clamping: 36 + Int(dataBytes)))
        bytes.append(contentsOf: "WAVEfmt ".utf8)
        bytes.appendLittleEndian(UInt32(16))
        bytes.appendLittleEndian(UInt16(1))
        bytes.appendLittleEndian(UInt16(channels))
        bytes.appendLittleEndian(UInt32(sampleRate))
        bytes.appendLittleEndian(UInt32(sampleRate * channels * 2))
        bytes.appendLittleEndian(UInt16(channels * 2))
        bytes.appendLittleEndian(UInt16(16))
        bytes.append(contentsOf: "data".utf8)
        bytes.appendLittleEndian(dataBytes)
        return bytes
    }

    /// A WAV header for `format` whose sizes say "until the end of the stream" (0xFFFFFFFF), as
    /// streaming recorders write: PCM from elsewhere can follow it as the data chunk.
    public static func streamingHeader(_ format: WAVFormat) -> [UInt8] {
        var bytes = Array("RIFF".utf8)
        bytes.appendLittleEndian(UInt32.max)
        bytes.append(contentsOf: "WAVEfmt ".utf8)
        bytes.appendLittleEndian(UInt32(16))
        bytes.appendLittleEndian(UInt16(format.encoding == .integer ? 1 : 3))
        bytes.appendLittleEndian(UInt16(format.channels))
        bytes.appendLittleEndian(UInt32(format.sampleRate))
        bytes.appendLittleEndian(UInt32(format.sampleRate * format.blockAlign))
        bytes.appendLittleEndian(UInt16(format.blockAlign))
        bytes.appendLittleEndian(UInt16(format.bitsPerSample))
        bytes.append(contentsOf: "data".utf8)
        bytes.appendLittleEndian(UInt32.max)
        return bytes
    }

    /// Appends float samples as clipped, rounded 16-bit little-endian integers.
    public static func appendPCM16(_ samples: UnsafeBufferPointer<Float>, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: samples.count * 2))
        bytes.withUnsafeMutableBytes { raw in
            for (index, sample) in samples.enumerated() {
                let scaled = (sample * 32_767).rounded()
                let value = Int16(max(-32_768, min(32_767, scaled.isFinite ? scaled : 0)))
                raw.storeBytes(of: value.littleEndian, toByteOffset: start + index * 2, as: Int16.self)
            }
        }
    }
}
