extension WAVStreamReader {
    /// Converts raw `data` bytes to mono float, keeping a partial frame for the next call.
    func convert(_ bytes: UnsafeRawBufferPointer, samples: (UnsafeBufferPointer<Float>) throws -> Void) throws {
        guard let format, !bytes.isEmpty else { return }
        var input = bytes
        // Complete a frame split across two pieces of the stream first.
        if !carry.isEmpty {
            let needed = format.blockAlign - carry.count
            let taken = min(needed, input.count)
            carry.append(contentsOf: input[0..<taken])
            input = UnsafeRawBufferPointer(rebasing: input[taken...])
            if carry.count == format.blockAlign {
                let frame = carry
                carry.removeAll(keepingCapacity: true)
                try frame.withUnsafeBytes { try emit($0, format: format, samples: samples) }
            }
        }
        let whole = input.count - input.count % format.blockAlign
        if whole > 0 { try emit(UnsafeRawBufferPointer(rebasing: input[0..<whole]), format: format, samples: samples) }
        if whole < input.count { carry.append(contentsOf: input[whole...]) }
    }

    private func emit(
        _ bytes: UnsafeRawBufferPointer,
        format: WAVFormat,
        samples: (UnsafeBufferPointer<Float>) throws -> Void
    ) throws {
        let frames = bytes.count / format.blockAlign
        if scratch.count < frames { scratch = [Float](repeating: 0, count: frames) }
        scratch.withUnsafeMutableBufferPointer { out in
            Self.downmix(bytes, format: format, frames: frames, into: out)
        }
        try scratch.withUnsafeBufferPointer { try samples(UnsafeBufferPointer(rebasing: $0[0..<frames])) }
    }

    /// Averages all channels of each frame into one float sample.
    private static func downmix(_ bytes: UnsafeRawBufferPointer, format: WAVFormat, frames: Int, into out: UnsafeMutableBufferPointer<Float>) {
        let channels = format.channels
        let width = format.bytesPerSample
        let scale = 1 / Float(channels)
        switch (format.encoding, width) {
        case (.integer, 2) where channels == 1:
            for frame in 0..<frames {
                out[frame] = Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: frame * 2, as: Int16.self))) / 32_768
            }
        case (.float, 4) where channels == 1:
            for frame in 0..<frames {
                out[frame] = finite(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: frame * 4, as: UInt32.self))))
            }
        default:
            var position = 0
            for frame in 0..<frames {
                var sum: Float = 0
                for _ in 0..<channels {
                    sum += sample(bytes, at: position, encoding: format.encoding, width: width)
                    position += width
                }
                out[frame] = sum * scale
            }
        }
    }

    @inline(__always)
    private static func sample(_ bytes: UnsafeRawBufferPointer, at position: Int, encoding: WAVFormat.Encoding, width: Int) -> Float {
        switch (encoding, width) {
        case (.integer, 1):
            return (Float(bytes[position]) - 128) / 128
        case (.integer, 2):
            return Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int16.self))) / 32_768
        case (.integer, 3):
            let value = Int32(bytes[position]) << 8 | Int32(bytes[position + 1]) << 16 | Int32(bytes[position + 2]) << 24
            return Float(value >> 8) / 8_388_608
        case (.integer, _):
            return Float(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int32.self))) / 2_147_483_648
        case (.float, 4):
            return finite(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))))
        case (.float, _):
            return finite(Float(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)))))
        }
    }

    /// NaN and infinity in float files become silence rather than poisoning the encoder.
    @inline(__always)
    private static func finite(_ value: Float) -> Float { value.isFinite ? value : 0 }
}
