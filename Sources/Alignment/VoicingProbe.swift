/// Whether a stretch of the recording has voice in it: a vocal-fold periodicity, not only sound.
///
/// Measured only where asked (a few short stretches per recording), on the samples themselves
/// brought down to 8 kHz or just under: the normalised autocorrelation of 30 ms windows, one every
/// 10 ms frame, at lags of one pitch period of 70–400 Hz. A vowel or a voiced consonant reaches 0.7–1; a stop's burst and its
/// aspiration, a voiceless fricative, room noise stay under 0.5, the threshold usual for this
/// measure (Praat's voicing threshold is 0.45, and the benchmark cuts its truth at 0.5).
struct VoicingProbe: Sendable {
    /// The recording, mono, −1…1.
    let samples: [Float]
    let sampleRate: Int
    /// Samples per analysis frame (10 ms).
    let hop: Double
    /// The periodicity from which a window counts as voiced.
    var threshold: Float = 0.5

    /// Whether any 30 ms window inside `frames` (recording frames), one per frame, is periodic at
    /// a pitch of 70–400 Hz; nil when that cannot be measured (an empty stretch, a rate under
    /// 4 kHz, a stretch shorter than a window at the recording's end). A stretch shorter than a
    /// window is measured on the one window that starts with it.
    func isVoiced(_ frames: Range<Int>) -> Bool? {
        guard !frames.isEmpty, sampleRate >= 4_000 else { return nil }
        // Pitch needs no more than 8 kHz: averaging `factor` samples (the rate over 8 kHz, rounded
        // up) measures at 8 kHz or just under whatever the recording's rate, at the same cost.
        let factor = (sampleRate + 7_999) / 8_000, rate = Double(sampleRate) / Double(factor)
        let window = Int(0.03 * rate), shortest = max(1, Int(rate / 400)), longest = Int(rate / 70)
        let first = max(0, Int((Double(frames.lowerBound) * hop).rounded()))
        let end = min(samples.count, max(Int((Double(frames.upperBound) * hop).rounded()), first + window * factor))
        guard window > longest, end - first >= window * factor else { return nil }
        var reduced = [Float](repeating: 0, count: (end - first) / factor)
        for i in reduced.indices {
            var sum: Float = 0
            for j in 0..<factor { sum += samples[first + i * factor + j] }
            reduced[i] = sum / Float(factor)
        }
        let step = max(1, Int((hop / Double(factor)).rounded()))
        for start in stride(from: 0, through: reduced.count - window, by: step)
        where Self.periodicity(of: reduced[start..<(start + window)], lags: shortest...longest) >= threshold {
            return true
        }
        return false
    }

    /// The highest normalised autocorrelation of `window` (its mean removed) over `lags`.
    static func periodicity(of window: ArraySlice<Float>, lags: ClosedRange<Int>) -> Float {
        let length = window.count
        let mean = window.reduce(0, +) / Float(max(1, length))
        let x = window.map { $0 - mean }
        var best: Float = 0
        for lag in lags where lag < length {
            var product: Float = 0, head: Float = 0, tail: Float = 0
            for i in 0..<(length - lag) {
                product += x[i] * x[i + lag]
                head += x[i] * x[i]
                tail += x[i + lag] * x[i + lag]
            }
            let norm = (head * tail).squareRoot()
            if norm > 0 { best = max(best, product / norm) }
        }
        return best
    }
}
