/// Integrated loudness (ITU-R BS.1770-4 / EBU R128: K-weighting, 400 ms blocks every 100 ms,
/// absolute gate at −70 LUFS, relative gate 10 LU below) and true peak (4× oversampling with
/// libsoxr) of mono 48 kHz audio, measured as it streams by.
public final class LoudnessMeter {
    /// A biquad section in direct form I.
    struct Biquad {
        let b0, b1, b2, a1, a2: Double
        var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

        mutating func process(_ x: Double) -> Double {
            let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2 = x1; x1 = x; y2 = y1; y1 = y
            return y
        }
    }

    static let subBlock = 4_800  // 100 ms at 48 kHz

    // K-weighting at 48 kHz, coefficients from BS.1770-4 table 1 and 2.
    private var shelf = Biquad(b0: 1.53512485958697, b1: -2.69169618940638, b2: 1.19839281085285, a1: -1.69065929318241, a2: 0.73248077421585)
    private var highPass = Biquad(b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621)
    private var subBlockSum = 0.0
    private var subBlockFill = 0
    private var recentSubBlocks: [Double] = []
    /// Mean-square power of every 400 ms block.
    private var blockPowers: [Double] = []
    private let oversampler: Resampler?
    private var peak: Float = 0
    private var oversampledPeak: Float = 0

    public init() {
        oversampler = try? Resampler(inputRate: 48_000, outputRate: 192_000)
    }

    public func process(_ samples: UnsafeBufferPointer<Float>) {
        for sample in samples {
            let weighted = highPass.process(shelf.process(Double(sample)))
            subBlockSum += weighted * weighted
            subBlockFill += 1
            peak = max(peak, abs(sample))
            if subBlockFill == Self.subBlock {
                recentSubBlocks.append(subBlockSum)
                if recentSubBlocks.count > 4 { recentSubBlocks.removeFirst() }
                if recentSubBlocks.count == 4 { blockPowers.append(recentSubBlocks.reduce(0, +) / Double(4 * Self.subBlock)) }
                subBlockSum = 0
                subBlockFill = 0
            }
        }
        try? oversampler?.process(samples) { oversampled in
            for value in oversampled { oversampledPeak = max(oversampledPeak, abs(value)) }
        }
    }

    /// Gated integrated loudness in LUFS; nil when there is less than 400 ms or only silence.
    public var integratedLoudness: Double? {
        let absolute = blockPowers.filter { Self.loudness($0) > -70 }
        guard !absolute.isEmpty else { return nil }
        let relativeGate = Self.loudness(absolute.reduce(0, +) / Double(absolute.count)) - 10
        let gated = absolute.filter { Self.loudness($0) > relativeGate }
        guard !gated.isEmpty else { return nil }
        return Self.loudness(gated.reduce(0, +) / Double(gated.count))
    }

    /// True peak in dBTP (the larger of the sample peak and the 4× oversampled peak).
    public var truePeak: Double {
        try? oversampler?.flush { oversampled in
            for value in oversampled { oversampledPeak = max(oversampledPeak, abs(value)) }
        }
        let linear = Double(max(peak, oversampledPeak))
        return linear > 0 ? 20 * log10(linear) : -.infinity
    }

    static func loudness(_ power: Double) -> Double {
        power > 0 ? -0.691 + 10 * log10(power) : -.infinity
    }
}

/// How much to raise or lower a recording so speech sits at a common loudness, without clipping.
public enum LoudnessNormalization {
    public static let defaultTarget = -18.0
    /// The true-peak ceiling the gain must respect.
    public static let ceiling = -1.0

    /// Gain in dB: towards `target`, capped so the true peak stays under the ceiling; none for
    /// silence or unmeasurable audio.
    public static func gain(integrated: Double?, truePeak: Double, target: Double = defaultTarget) -> Double {
        guard let integrated, integrated.isFinite, truePeak.isFinite else { return 0 }
        let wanted = target - integrated
        let headroom = ceiling - truePeak
        return (min(wanted, headroom) * 100).rounded() / 100
    }

    /// The OpusHead output gain field (Q7.8 dB).
    public static func q78(_ decibels: Double) -> Int16 {
        Int16(clamping: Int((decibels * 256).rounded()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
