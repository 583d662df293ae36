import CFFTW
import Foundation
import Synchronization

/// Per-frame features of a signal: one row of `dimension` values per 10 ms hop.
struct FeatureMatrix: Sendable {
    /// Frames, one per hop: frame `k` describes the signal around `(k + 0.5) × hop`, so the boundary
    /// between frames `k − 1` and `k` is at `k × hop`.
    var count: Int
    var dimension: Int
    /// `count × dimension` values, row by row.
    var values: [Float]
    /// Per frame, the mean square of the (Hamming-weighted) frame in dB relative to full scale
    /// (−120 floor): its level, as heard.
    var energyDB: [Float]

    subscript(frame: Int, coefficient: Int) -> Float {
        values[frame * dimension + coefficient]
    }

    /// Each coefficient brought to mean 0 and standard deviation 1 over the frames where `mask` is
    /// true (all frames when it is `nil` or selects none): cepstral mean and variance
    /// normalisation, which removes the channel (microphone, telephone band, synthetic voice) and
    /// the level. Computed over speech frames only, two signals with different amounts of silence
    /// get comparable speech features, and their silences stay far below.
    mutating func normalize(where mask: [Bool]? = nil) {
        var selected = (0..<count).filter { mask?[$0] ?? true }
        if selected.count < 2 { selected = Array(0..<count) }
        guard !selected.isEmpty else { return }
        for c in 0..<dimension {
            var sum = 0.0, squares = 0.0
            for k in selected {
                let v = Double(values[k * dimension + c])
                sum += v
                squares += v * v
            }
            let mean = sum / Double(selected.count)
            let deviation = max(1e-6, (squares / Double(selected.count) - mean * mean).squareRoot())
            let m = Float(mean), s = Float(1 / deviation)
            for k in 0..<count { values[k * dimension + c] = (values[k * dimension + c] - m) * s }
        }
    }

    /// The mean frame over the frames where `mask` is true (zeros when none is).
    func mean(where mask: [Bool]) -> [Float] {
        var sum = [Double](repeating: 0, count: dimension)
        var selected = 0
        for k in 0..<count where mask[k] {
            selected += 1
            for c in 0..<dimension { sum[c] += Double(values[k * dimension + c]) }
        }
        return sum.map { Float($0 / Double(max(1, selected))) }
    }

    /// The frames laid out as `columns`: each column its frame, inserted columns `silence`.
    func expanded(to columns: SyntheticColumns, silence: [Float]) -> FeatureMatrix {
        var result = [Float]()
        result.reserveCapacity(columns.count * dimension)
        for (column, frame) in columns.frames.enumerated() {
            if columns.inserted[column] {
                result.append(contentsOf: silence)
            } else {
                result.append(contentsOf: values[(frame * dimension)..<((frame + 1) * dimension)])
            }
        }
        return FeatureMatrix(count: columns.count, dimension: dimension, values: result, energyDB: columns.frames.map { energyDB[$0] })
    }

    /// Frames averaged `factor` at a time (the last group may be shorter): a coarser time grid.
    func downsampled(by factor: Int) -> FeatureMatrix {
        let coarseCount = (count + factor - 1) / factor
        var result = [Float](repeating: 0, count: coarseCount * dimension)
        var energies = [Float](repeating: 0, count: coarseCount)
        for g in 0..<coarseCount {
            let start = g * factor, end = min(count, start + factor)
            let scale = 1 / Float(end - start)
            for k in start..<end {
                for c in 0..<dimension { result[g * dimension + c] += values[k * dimension + c] * scale }
                energies[g] += energyDB[k] * scale
            }
        }
        return FeatureMatrix(count: coarseCount, dimension: dimension, values: result, energyDB: energies)
    }
}

/// Mel-frequency cepstral coefficients with a 10 ms hop, computed with FFTW's real FFT.
///
/// Windows of 25 ms (Hamming, after pre-emphasis 0.97), a triangular mel filterbank between
/// `lowHz` and `highHz`, the log of the filter energies (floored 60 dB under the loudest frame so
/// digital silence does not dominate), and a DCT-II to `coefficientCount` cepstra (c0 included).
/// The filterbank is defined in Hz, so two signals at different sample rates (the recording and
/// eSpeak NG's 22 050 Hz speech) give comparable features without resampling, as long as both use
/// the same `lowHz`…`highHz`. The filterbank may also be heard scaled in frequency, for a voice
/// with higher formants (``init(sampleRate:lowHz:highHz:frequencyScales:filterCount:coefficientCount:)``).
///
/// One extractor owns its FFT buffers: use it from one thread at a time.
final class MFCCExtractor {
    static let hopSeconds = 0.010
    static let windowSeconds = 0.025

    let sampleRate: Int
    let hop: Double
    let windowLength: Int
    let fftSize: Int
    let filterCount: Int
    let coefficientCount: Int

    private let window: [Float]
    private let windowEnergy: Float
    /// Per frequency scale, per filter: first FFT bin and its weights.
    private let filterbanks: [[(firstBin: Int, weights: [Float])]]
    /// `coefficientCount × filterCount`, row by row.
    private let dct: [Float]
    private let plan: FFTPlan
    private let input: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<fftwf_complex>

    /// One filterbank per `frequencyScales` entry, each dividing every filter's frequencies by its
    /// scale: a voice whose formants lie that many times higher than this signal's (a shorter
    /// vocal tract) is then heard through the same filters (vocal tract length normalisation,
    /// applied to this side). ``features(of:range:)`` hears through the first,
    /// ``scaledFeatureSets(of:range:)`` through the others.
    init(sampleRate: Int, lowHz: Double, highHz: Double, frequencyScales: [Double] = [1], filterCount: Int = 30, coefficientCount: Int = 13) {
        precondition(!frequencyScales.isEmpty)
        self.sampleRate = sampleRate
        self.filterCount = filterCount
        self.coefficientCount = coefficientCount
        hop = Double(sampleRate) * Self.hopSeconds
        windowLength = Int((Double(sampleRate) * Self.windowSeconds).rounded())
        var size = 64
        while size < windowLength { size *= 2 }
        fftSize = size
        let length = windowLength
        let window = (0..<length).map { n in
            Float(0.54 - 0.46 * cos(2 * Double.pi * Double(n) / Double(max(1, length - 1))))
        }
        self.window = window
        windowEnergy = max(1e-9, window.reduce(0) { $0 + $1 * $1 })
        // Triangular filters equally spaced on the mel scale.
        func mel(_ hz: Double) -> Double { 2595 * log10(1 + hz / 700) }
        func hz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
        let lowMel = mel(lowHz), highMel = mel(highHz)
        let melEdges = (0...(filterCount + 1)).map { hz(lowMel + (highMel - lowMel) * Double($0) / Double(filterCount + 1)) }
        let binHz = Double(sampleRate) / Double(size)
        filterbanks = frequencyScales.map { scale in
            let edges = melEdges.map { $0 / scale }
            var filters: [(Int, [Float])] = []
            for f in 0..<filterCount {
                let left = edges[f], center = edges[f + 1], right = edges[f + 2]
                let first = max(0, Int((left / binHz).rounded(.up)))
                let last = min(size / 2, Int((right / binHz).rounded(.down)))
                var weights: [Float] = []
                if first <= last {
                    for bin in first...last {
                        let frequency = Double(bin) * binHz
                        let w = frequency <= center ? (frequency - left) / (center - left) : (right - frequency) / (right - center)
                        weights.append(Float(max(0, w)))
                    }
                }
                if weights.allSatisfy({ $0 == 0 }) {
                    // Narrower than a bin (low rates, many filters): the nearest bin alone.
                    filters.append((min(size / 2, Int((center / binHz).rounded())), [1]))
                } else {
                    filters.append((first, weights))
                }
            }
            return filters
        }
        var dct = [Float](repeating: 0, count: coefficientCount * filterCount)
        for c in 0..<coefficientCount {
            for f in 0..<filterCount {
                dct[c * filterCount + f] = Float(cos(Double.pi * Double(c) * (Double(f) + 0.5) / Double(filterCount)))
            }
        }
        self.dct = dct
        plan = FFTPlan.realForward(size: size)
        input = fftwf_alloc_real(size)
        output = fftwf_alloc_complex(size / 2 + 1)
    }

    deinit {
        fftwf_free(input)
        fftwf_free(output)
    }

    /// Number of frames for `sampleCount` samples: one per started hop.
    func frameCount(for sampleCount: Int) -> Int {
        Int((Double(sampleCount) / hop).rounded(.up))
    }

    /// The features of `samples[range]` (frame 0 centred half a hop after `range.lowerBound`),
    /// through the first filterbank.
    func features(of samples: [Float], range: Range<Int>? = nil) -> FeatureMatrix {
        let range = range ?? 0..<samples.count
        let count = frameCount(for: range.count)
        let filters = filterbanks[0]
        var melEnergies = [Float](repeating: 0, count: count * filterCount)
        let energyDB = forEachFrame(of: samples, range: range) { k, power in
            let base = k * filterCount
            for (f, filter) in filters.enumerated() { melEnergies[base + f] = Self.filterEnergy(filter, power) }
        }
        return cepstra(of: melEnergies, count: count, energyDB: energyDB)
    }

    /// The features of `samples[range]` through each filterbank but the first, in order: the same
    /// values as ``features(of:range:)`` would give through each, without holding every
    /// filterbank's energies at once. One pass finds each filterbank's loudest energy (its log's
    /// floor), a second writes the cepstra: two FFTs per frame instead of the memory of all the
    /// filter energies (30 values a frame per filterbank, against 13 cepstra).
    func scaledFeatureSets(of samples: [Float], range: Range<Int>? = nil) -> [FeatureMatrix] {
        let range = range ?? 0..<samples.count
        let count = frameCount(for: range.count)
        let banks = Array(filterbanks.dropFirst())
        var loudest = [Float](repeating: 0, count: banks.count)
        _ = forEachFrame(of: samples, range: range) { _, power in
            for (b, filters) in banks.enumerated() {
                for filter in filters { loudest[b] = max(loudest[b], Self.filterEnergy(filter, power)) }
            }
        }
        let floors = loudest.map { max($0 * 1e-6, Float.leastNormalMagnitude) }
        var values = [[Float]](repeating: [Float](repeating: 0, count: count * coefficientCount), count: banks.count)
        var logs = [Float](repeating: 0, count: filterCount)
        let energyDB = forEachFrame(of: samples, range: range) { k, power in
            for (b, filters) in banks.enumerated() {
                for (f, filter) in filters.enumerated() { logs[f] = log(max(Self.filterEnergy(filter, power), floors[b])) }
                transform(logs, into: &values[b], at: k * coefficientCount)
            }
        }
        return values.map { FeatureMatrix(count: count, dimension: coefficientCount, values: $0, energyDB: energyDB) }
    }

    /// One filter's energy in a frame's power spectrum.
    private static func filterEnergy(_ filter: (firstBin: Int, weights: [Float]), _ power: [Float]) -> Float {
        var sum: Float = 0
        for (j, w) in filter.weights.enumerated() { sum += power[filter.firstBin + j] * w }
        return sum
    }

    /// Calls `body` with each frame's index and power spectrum (after pre-emphasis and the
    /// window); returns each frame's level in dB.
    private func forEachFrame(of samples: [Float], range: Range<Int>, _ body: (Int, [Float]) -> Void) -> [Float] {
        let count = frameCount(for: range.count)
        var energyDB = [Float](repeating: -120, count: count)
        let bins = fftSize / 2 + 1
        var power = [Float](repeating: 0, count: bins)
        samples.withUnsafeBufferPointer { signal in
            for k in 0..<count {
                let center = Double(range.lowerBound) + (Double(k) + 0.5) * hop
                let start = Int((center - Double(windowLength) / 2).rounded())
                // Pre-emphasis and window; zeros outside `range`. The energy is measured before
                // pre-emphasis, which would under-count the low, dying vowels that end phrases.
                var energy: Float = 0
                for n in 0..<windowLength {
                    let i = start + n
                    var value: Float = 0
                    if i >= range.lowerBound && i < range.upperBound {
                        let previous = i - 1 >= range.lowerBound ? signal[i - 1] : 0
                        value = signal[i] - 0.97 * previous
                        let raw = signal[i] * window[n]
                        energy += raw * raw
                    }
                    input[n] = value * window[n]
                }
                for n in windowLength..<fftSize { input[n] = 0 }
                fftwf_execute_dft_r2c(plan.plan, input, output)
                for b in 0..<bins {
                    let re = output[b].0, im = output[b].1
                    power[b] = re * re + im * im
                }
                energyDB[k] = max(-120, 10 * log10(max(energy / windowEnergy, 1e-12)))
                body(k, power)
            }
        }
        return energyDB
    }

    /// The DCT-II of one frame's log filter energies, written at `offset`.
    private func transform(_ logs: [Float], into values: inout [Float], at offset: Int) {
        for c in 0..<coefficientCount {
            var sum: Float = 0
            for f in 0..<filterCount { sum += dct[c * filterCount + f] * logs[f] }
            values[offset + c] = sum
        }
    }

    /// Log with a floor 60 dB under the loudest frame's filter energies, then DCT.
    private func cepstra(of melEnergies: [Float], count: Int, energyDB: [Float]) -> FeatureMatrix {
        let loudest = melEnergies.max() ?? 0
        let floor = max(loudest * 1e-6, Float.leastNormalMagnitude)
        var values = [Float](repeating: 0, count: count * coefficientCount)
        var logs = [Float](repeating: 0, count: filterCount)
        for k in 0..<count {
            for f in 0..<filterCount { logs[f] = log(max(melEnergies[k * filterCount + f], floor)) }
            transform(logs, into: &values, at: k * coefficientCount)
        }
        return FeatureMatrix(count: count, dimension: coefficientCount, values: values, energyDB: energyDB)
    }
}

/// An FFTW plan, made once per size and kept for the process.
///
/// FFTW's planner is not thread-safe (executing a plan is), so plans are made under a lock and
/// cached; each extractor then executes the shared plan on its own aligned buffers
/// (`fftwf_execute_dft_r2c`, the new-array interface).
struct FFTPlan: @unchecked Sendable {
    let plan: OpaquePointer

    private static let cache = Mutex<[Int: FFTPlan]>([:])

    static func realForward(size: Int) -> FFTPlan {
        cache.withLock { cache in
            if let plan = cache[size] { return plan }
            let input = fftwf_alloc_real(size)!
            let output = fftwf_alloc_complex(size / 2 + 1)!
            defer {
                fftwf_free(input)
                fftwf_free(output)
            }
            let plan = FFTPlan(plan: fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))!)
            cache[size] = plan
            return plan
        }
    }
}
