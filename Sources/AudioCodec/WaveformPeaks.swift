/// Min/max waveform peaks in the BBC audiowaveform data format (version 2), which wavesurfer.js and
/// peaks.js read: built as audio streams by, stored at a base resolution, served coarser on demand.
public struct WaveformPeaks: Sendable, Equatable {
    /// Base resolution: 480 samples per pixel at 48 kHz is 100 pixels a second.
    public static let baseSamplesPerPixel = 480

    public let sampleRate: Int
    public let samplesPerPixel: Int
    /// Interleaved min, max pairs, 16-bit.
    public let data: [Int16]

    public var length: Int { data.count / 2 }

    public init(sampleRate: Int = 48_000, samplesPerPixel: Int, data: [Int16]) {
        self.sampleRate = sampleRate
        self.samplesPerPixel = samplesPerPixel
        self.data = data
    }

    /// Peaks at a coarser resolution: each new pixel takes the extremes of the base pixels it covers.
    public func rescaled(samplesPerPixel target: Int, totalSamples: Int) -> WaveformPeaks {
        guard target > samplesPerPixel else { return self }
        let pixels = (totalSamples + target - 1) / target
        var out: [Int16] = []
        out.reserveCapacity(pixels * 2)
        for pixel in 0..<pixels {
            let first = pixel * target / samplesPerPixel
            let last = min(length, ((pixel + 1) * target + samplesPerPixel - 1) / samplesPerPixel)
            var low = Int16.max, high = Int16.min
            for index in first..<max(first, last) {
                low = min(low, data[2 * index])
                high = max(high, data[2 * index + 1])
            }
            if first >= last { low = 0; high = 0 }
            out += [low, high]
        }
        return WaveformPeaks(sampleRate: sampleRate, samplesPerPixel: target, data: out)
    }

    /// Values as audiowaveform writes them: 16-bit as they are, 8-bit as the high byte.
    public func values(bits: Int) -> [Int] {
        bits == 8 ? data.map { Int($0) >> 8 } : data.map(Int.init)
    }

    /// The binary `.dat` layout: version 2 header (version, flags, rate, samples per pixel,
    /// length, channels), then the pairs, little-endian.
    public func binary(bits: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(Int32(2))
        bytes.appendLittleEndian(UInt32(bits == 8 ? 1 : 0))
        bytes.appendLittleEndian(Int32(sampleRate))
        bytes.appendLittleEndian(Int32(samplesPerPixel))
        bytes.appendLittleEndian(UInt32(length))
        bytes.appendLittleEndian(Int32(1))
        for value in values(bits: bits) {
            if bits == 8 { bytes.append(UInt8(bitPattern: Int8(value))) } else { bytes.appendLittleEndian(Int16(value)) }
        }
        return bytes
    }

    /// Reads the binary layout back (16- or 8-bit; 8-bit values are widened).
    public init(binary bytes: [UInt8]) throws(WaveformPeaksError) {
        guard bytes.count >= 24, bytes.littleEndianUInt32(at: 0) == 2, bytes.littleEndianUInt32(at: 20) == 1 else { throw .invalid }
        let eightBit = bytes.littleEndianUInt32(at: 4) & 1 == 1
        let length = Int(bytes.littleEndianUInt32(at: 16))
        let width = eightBit ? 1 : 2
        guard bytes.count == 24 + length * 2 * width else { throw .invalid }
        sampleRate = Int(bytes.littleEndianUInt32(at: 8))
        samplesPerPixel = Int(bytes.littleEndianUInt32(at: 12))
        guard sampleRate > 0, samplesPerPixel > 0 else { throw .invalid }
        var values: [Int16] = []
        values.reserveCapacity(length * 2)
        for index in 0..<(length * 2) {
            if eightBit {
                values.append(Int16(Int8(bitPattern: bytes[24 + index])) << 8)
            } else {
                values.append(Int16(bitPattern: bytes.littleEndianUInt16(at: 24 + 2 * index)))
            }
        }
        data = values
    }
}

public enum WaveformPeaksError: Error, Equatable { case invalid }

/// Collects min/max per `WaveformPeaks.baseSamplesPerPixel` samples as audio streams by.
public final class WaveformPeaksBuilder {
    private var data: [Int16] = []
    private var low: Float = .infinity
    private var high: Float = -.infinity
    private var fill = 0
    public private(set) var sampleCount = 0

    public init() {}

    public func process(_ samples: UnsafeBufferPointer<Float>) {
        for sample in samples {
            low = min(low, sample)
            high = max(high, sample)
            fill += 1
            if fill == WaveformPeaks.baseSamplesPerPixel { closePixel() }
        }
        sampleCount += samples.count
    }

    /// The peaks of everything seen, scaled by `gain` (linear) as a decoder applying the OpusHead's
    /// output gain would hear them; `length` samples (end trimming) are kept.
    public func finish(gain: Double = 1, length: Int? = nil) -> WaveformPeaks {
        if fill > 0 { closePixel() }
        let pixels = length.map { ($0 + WaveformPeaks.baseSamplesPerPixel - 1) / WaveformPeaks.baseSamplesPerPixel } ?? data.count / 2
        let kept = data.prefix(pixels * 2).map { Int16(clamping: Int((Double($0) * gain).rounded())) }
        return WaveformPeaks(samplesPerPixel: WaveformPeaks.baseSamplesPerPixel, data: kept)
    }

    private func closePixel() {
        data.append(Int16(clamping: Int((Double(low) * 32_767).rounded())))
        data.append(Int16(clamping: Int((Double(high) * 32_767).rounded())))
        low = .infinity
        high = -.infinity
        fill = 0
    }
}
