/// Voice activity from frame energies: which 10 ms frames are speech, and where the pauses are.
///
/// The threshold adapts to the recording: between its noise floor (a low percentile of frame
/// energies, see ``init(energyDB:floorPercentile:ignoringDigitalSilence:minimumSpeechFrames:)``) and its speech level (the
/// 95th percentile), a third of the way up, at least 6 dB over the floor and at most 25 dB. Speech runs shorter than 30 ms are dropped as clicks; the
/// pauses are what is left between speech.
struct SpeechActivity: Sendable {
    /// Per frame: speech or not.
    var isSpeech: [Bool]
    /// Per frame: energy in dB.
    var energyDB: [Float]
    /// The threshold between pause and speech, in dB.
    var thresholdDB: Float
    /// The level of speech (the 95th percentile of frame energies), in dB.
    var speechLevelDB: Float
    /// The noise floor (a low percentile of frame energies), in dB.
    var floorDB: Float
    /// Whether speech and pauses could be told apart (a level spread of at least 12 dB).
    var isReliable: Bool
    /// Per frame, the threshold between pause and speech there (``thresholdDB`` everywhere unless
    /// the floor is local).
    var thresholds: [Float]
    /// Per frame, the noise floor there (``floorDB`` everywhere unless the floor is local).
    var floors: [Float]

    /// The activity of frames of `energyDB`, whose noise floor is their `floorPercentile`
    /// percentile (of the frames over −100 dBFS, when `ignoringDigitalSilence` and enough remain:
    /// stretches of zeros in an edited recording are not its noise floor).
    ///
    /// The 10th percentile suits speech with pauses between its phrases. A recording of
    /// continuous speech, where the pauses are a few 50 ms gaps, is quiet speech at its 10th
    /// percentile: weak sounds (a final [fθ] in a telephone band, 35 dB under the speech level)
    /// then fall under a threshold set from it and read as pauses. The recording's floor is
    /// therefore taken at a lower percentile (``SynthesisDTWAligner/Settings/pauseFloorPercentile``).
    ///
    /// With a `localFloorRadius` (frames), each frame's floor is the noise around it
    /// (``localFloors(_:radius:ignoringDigitalSilence:within:)``), and so is its threshold: where the
    /// noise changes along the recording (lines recorded apart and edited together, a fan
    /// switched on), a pause in the noisier part is no pause against the quietest part's floor.
    init(energyDB: [Float], floorPercentile: Double = 0.10, ignoringDigitalSilence: Bool = false, minimumSpeechFrames: Int = 3,
         localFloorRadius: Int = 0) {
        self.energyDB = energyDB
        guard !energyDB.isEmpty else {
            isSpeech = []
            thresholdDB = 0
            speechLevelDB = 0
            floorDB = 0
            isReliable = false
            thresholds = []
            floors = []
            return
        }
        let sorted = energyDB.sorted()
        func percentile(_ p: Double, of sorted: [Float]) -> Float { sorted[min(sorted.count - 1, Int(p * Double(sorted.count - 1)))] }
        let audible = sorted.filter { $0 > -100 }
        let floor = percentile(floorPercentile, of: ignoringDigitalSilence && audible.count >= 50 ? audible : sorted), speech = percentile(0.95, of: sorted)
        let spread = speech - floor
        isReliable = spread >= 12
        let threshold = floor + min(25, max(6, spread / 3))
        thresholdDB = threshold
        speechLevelDB = speech
        floorDB = floor
        if localFloorRadius > 0 {
            let local = Self.localFloors(energyDB, radius: localFloorRadius, ignoringDigitalSilence: ignoringDigitalSilence,
                                         within: floor...max(floor, speech - 12))
            floors = local
            thresholds = local.map { $0 + min(25, max(6, (speech - $0) / 3)) }
        } else {
            floors = [Float](repeating: floor, count: energyDB.count)
            thresholds = [Float](repeating: threshold, count: energyDB.count)
        }
        var mask = zip(energyDB, thresholds).map { $0 > $1 }
        // Drop speech runs too short to be speech.
        for run in Self.runs(of: mask) where run.count < minimumSpeechFrames {
            for k in run { mask[k] = false }
        }
        isSpeech = mask
    }

    /// Per frame, the noise floor around it: the quietest 30 ms (mean level of 3 frames, digital
    /// silence left out when `ignoringDigitalSilence`) within `radius` frames either side, kept
    /// within `bounds` (over the recording's own floor; at least 12 dB under its speech level,
    /// the least spread at which pauses and speech can be told apart). Linear time (a sliding
    /// minimum).
    static func localFloors(_ energyDB: [Float], radius: Int, ignoringDigitalSilence: Bool, within bounds: ClosedRange<Float>) -> [Float] {
        let n = energyDB.count
        let smoothed = (0..<n).map { k -> Float in
            let frames = energyDB[k..<min(n, k + 3)].filter { !ignoringDigitalSilence || $0 > -100 }
            return frames.isEmpty ? .infinity : frames.reduce(0, +) / Float(frames.count)
        }
        var result = [Float](repeating: bounds.lowerBound, count: n)
        // Indices of `smoothed` in the window, their values increasing.
        var window: [Int] = [], head = 0, next = 0
        for k in 0..<n {
            while next < min(n, k + radius + 1) {
                while window.count > head, smoothed[window[window.count - 1]] >= smoothed[next] { window.removeLast() }
                window.append(next)
                next += 1
            }
            while window[head] < k - radius { head += 1 }
            let quietest = smoothed[window[head]]
            result[k] = quietest.isFinite ? min(bounds.upperBound, max(bounds.lowerBound, quietest)) : bounds.lowerBound
        }
        return result
    }

    /// Runs of at least `minimumFrames` non-speech frames, in order, including one at either end.
    func pauses(minimumFrames: Int) -> [Range<Int>] {
        Self.runs(of: isSpeech.map { !$0 }).filter { $0.count >= minimumFrames }
    }

    /// The runs of consecutive true frames of `mask`, in order.
    static func runs(of mask: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var k = 0
        while k < mask.count {
            guard mask[k] else { k += 1; continue }
            var end = k
            while end < mask.count && mask[end] { end += 1 }
            result.append(k..<end)
            k = end
        }
        return result
    }

    /// Runs of frames covered by windows of `minimumFrames` frames whose levels all lie within
    /// `toleranceDB` of the window's mean, `belowSpeechDB` or more under the speech level: steady
    /// noise, a pause whatever the floor around it (overlapping windows join, so a run may drift
    /// slowly, as a fan spinning down does). Speech is never that steady for long (its level rises
    /// and falls with every syllable, a reverberant tail decays), room noise is; where the noise
    /// changes from one take to the next (a gap of hiss between two quiet ones), the local floor of
    /// the quieter takes leaves such a gap over the threshold, and it would read as speech.
    func steadyPauses(minimumFrames: Int, toleranceDB: Float, belowSpeechDB: Float) -> [Range<Int>] {
        let n = energyDB.count, width = max(2, minimumFrames)
        guard n >= width else { return [] }
        var steady = [Bool](repeating: false, count: n)
        for start in 0...(n - width) {
            let window = energyDB[start..<(start + width)]
            let mean = window.reduce(0, +) / Float(width)
            guard mean <= speechLevelDB - belowSpeechDB, window.allSatisfy({ abs($0 - mean) <= toleranceDB }) else { continue }
            for k in start..<(start + width) { steady[k] = true }
        }
        return Self.runs(of: steady)
    }

    /// `pauses` and `more` as one sorted list, overlapping or touching runs merged.
    static func merged(_ pauses: [Range<Int>], _ more: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for run in (pauses + more).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, run.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, run.upperBound)
            } else {
                result.append(run)
            }
        }
        return result
    }

    /// Where the sound before `pause` has died away for good: the start of the run of faded
    /// frames around the pause's quietest 30 ms, a frame being faded within 6 dB of that
    /// background or 40 dB under the speech level, whichever is higher. Speech fades out more
    /// slowly than it starts (a vowel dying away, breath, room echo that hovers 30–40 dB under the
    /// voice for a few hundred ms), and the threshold that finds pauses cuts that fade anywhere; a
    /// phrase ends where it has faded and does not come back. The 40 dB cap matters in very quiet
    /// pauses (a noise gate, an edited file), whose level keeps sinking long after the voice is
    /// inaudible.
    func decayEnd(of pause: Range<Int>) -> Int {
        guard pause.count > 2 else { return pause.lowerBound }
        let (core, faded) = quietCore(of: pause)
        var k = core
        while k > 0, energyDB[k - 1] <= faded { k -= 1 }
        return k
    }

    /// Where the sound after `pause` rises out of it: the end of the same run of faded frames as
    /// ``decayEnd(of:)``.
    func onset(after pause: Range<Int>) -> Int {
        guard pause.count > 2 else { return pause.upperBound }
        let (core, faded) = quietCore(of: pause)
        var k = core
        while k < energyDB.count, energyDB[k] <= faded { k += 1 }
        return k
    }

    /// The start of the pause's quietest 30 ms (in a short pause between two phrases that run
    /// into each other, the few frames between the first one's tail and the next one's onset), and
    /// the level under which a frame has faded there.
    private func quietCore(of pause: Range<Int>) -> (start: Int, faded: Float) {
        var background = Float.infinity, core = pause.lowerBound
        for k in pause.lowerBound..<(pause.upperBound - 2) {
            let mean: Float = (energyDB[k] + energyDB[k + 1] + energyDB[k + 2]) / 3
            if mean < background { (background, core) = (mean, k) }
        }
        return (core, max(background + 6, speechLevelDB - 40))
    }

    /// How deep `pause` is, 0…1: where its quietest 30 ms lie between the speech threshold (0) and
    /// the noise floor (1). A real pause sinks to the floor, if only for the few frames between one
    /// phrase's fading tail and the next one's onset; a stretch that is merely quiet (a weak
    /// fricative such as [s] in a telephone band, a breathy syllable) stays near the threshold.
    func depth(of pause: Range<Int>) -> Double {
        guard !pause.isEmpty else { return 1 }
        var quietest = Float.infinity, at = pause.lowerBound
        for k in pause.lowerBound..<max(pause.lowerBound + 1, pause.upperBound - 2) {
            let frames = energyDB[k..<min(pause.upperBound, k + 3)]
            let mean = frames.reduce(0, +) / Float(frames.count)
            if mean < quietest { (quietest, at) = (mean, k) }
        }
        let threshold = thresholds[at], floor = floors[at]
        guard threshold > floor else { return 1 }
        return Double(min(1, max(0, (threshold - quietest) / (threshold - floor))))
    }

    /// The first and one past the last speech frame, or `nil` when there is none.
    var speechExtent: Range<Int>? {
        guard let first = isSpeech.firstIndex(of: true), let last = isSpeech.lastIndex(of: true) else { return nil }
        return first..<(last + 1)
    }
}

