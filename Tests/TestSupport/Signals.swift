import Foundation

/// Test signals and the measures used to compare a decoded signal with its source.
public enum Signals {
    public static func sine(frequency: Double, sampleRate: Int, seconds: Double, amplitude: Float = 0.5) -> [Float] {
        let count = Int(Double(sampleRate) * seconds)
        return (0..<count).map { amplitude * Float(sin(2 * .pi * frequency * Double($0) / Double(sampleRate))) }
    }

    /// A logarithmic sweep from `from` to `to` Hz.
    public static func sweep(from: Double, to: Double, sampleRate: Int, seconds: Double, amplitude: Float = 0.5) -> [Float] {
        let count = Int(Double(sampleRate) * seconds)
        let k = log(to / from) / seconds
        return (0..<count).map { index in
            let t = Double(index) / Double(sampleRate)
            return amplitude * Float(sin(2 * .pi * from * (exp(k * t) - 1) / k))
        }
    }

    /// Normalised cross-correlation of `a` and `b` with `b` shifted by `lag` samples.
    public static func correlation(_ a: [Float], _ b: [Float], lag: Int = 0) -> Double {
        var sumAB = 0.0, sumAA = 0.0, sumBB = 0.0
        let start = max(0, -lag)
        let end = min(a.count, b.count - lag)
        guard end > start else { return 0 }
        for index in start..<end {
            let x = Double(a[index]), y = Double(b[index + lag])
            sumAB += x * y; sumAA += x * x; sumBB += y * y
        }
        return sumAA > 0 && sumBB > 0 ? sumAB / (sumAA * sumBB).squareRoot() : 0
    }

    /// The best correlation over lags in `-maxLag...maxLag`, and the lag that gives it.
    public static func bestCorrelation(_ a: [Float], _ b: [Float], maxLag: Int) -> (value: Double, lag: Int) {
        var best = (value: -2.0, lag: 0)
        for lag in -maxLag...maxLag {
            let value = correlation(a, b, lag: lag)
            if value > best.value { best = (value, lag) }
        }
        return best
    }

    /// Signal-to-noise ratio in dB of `decoded` against `reference`.
    public static func snr(reference: [Float], decoded: [Float]) -> Double {
        var signal = 0.0, noise = 0.0
        for index in 0..<min(reference.count, decoded.count) {
            signal += Double(reference[index] * reference[index])
            let error = Double(reference[index] - decoded[index])
            noise += error * error
        }
        return 10 * log10(signal / max(noise, 1e-20))
    }
}
