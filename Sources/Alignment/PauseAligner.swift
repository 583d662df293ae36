import Foundation

/// Aligns without knowing the language's sounds: by the pauses in the recording and the expected
/// length of each phrase and word.
///
/// 1. Voice activity: the energy of 25 ms frames every 10 ms, against a threshold set from the
///    recording's own noise floor and speech level (``SpeechActivity``).
/// 2. Phrases: dynamic programming chooses, among the pauses (and, where the speaker did not
///    pause, the quietest moments inside speech), the cuts that make each phrase's amount of
///    speech closest to its expected share: its words' syllables (estimated from the letters, for
///    any script) plus one per word, times the recording's speaking rate. Long pauses are
///    preferred as cuts. The search keeps to a band around the expected positions, so time and
///    memory grow linearly with the length.
/// 3. Words: the same, inside each phrase, with shorter pauses.
///
/// Confidence is high for a phrase whose length matches its text and whose edges are real pauses,
/// lower for cuts made inside speech; words are less certain than phrases. Use this aligner for
/// languages eSpeak NG does not speak: ``AlignerChoice`` does.
public struct PauseAligner: TranscriptAligner {
    /// Tuning; the defaults are those measured in `Benchmarks/align`.
    public struct Settings: Sendable, Equatable {
        /// Shortest pause (ms) that may separate two phrases without a penalty.
        public var phrasePauseMs: Int = 100
        /// Shortest pause (ms) that may separate two words without a penalty.
        public var wordPauseMs: Int = 40
        /// Margin (ms) kept around speech at a pause's edge.
        public var edgeMarginMs: Int = 20

        public init() {}
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public func align(_ input: AlignmentInput) throws(AlignmentError) -> AlignmentResult {
        try input.validated()
        let energies = SpeechActivity.frameEnergies(of: input.samples, sampleRate: input.sampleRate)
        let activity = SpeechActivity(energyDB: energies)
        guard let extent = activity.speechExtent, activity.isReliable else { throw .noSpeechFound }
        let frames = energies.count
        let margin = Double(settings.edgeMarginMs) / 10
        let segmenter = PauseSegmenter(activity: activity)
        let durationMs = input.durationMs
        func ms(_ frame: Double) -> Int { min(durationMs, max(0, Int((frame * 10).rounded()))) }

        // Phrases over the whole speech.
        // A word takes its syllables plus one: saying a word has a cost of its own (its onset, its
        // final lengthening), which dominates for words said one by one.
        func units(_ word: String) -> Double {
            let syllables = AlignmentText.expectedSyllables(word)
            return syllables > 0 ? syllables + 1 : 0
        }
        let phraseUnits = input.phrases.map { phrase in phrase.reduce(0) { $0 + units($1) } }
        let speakingPhrases = phraseUnits.indices.filter { phraseUnits[$0] > 0 }
        let phraseCuts = segmenter.segment(
            units: speakingPhrases.map { phraseUnits[$0] }, span: extent,
            minimumPause: max(1, settings.phrasePauseMs / 10), sigma: 0.25, weakPenalty: 3)
        var phraseSpans = [(start: Double, end: Double, confidence: Double)](repeating: (0, 0, 0), count: input.phrases.count)
        for (n, p) in speakingPhrases.enumerated() {
            let piece = phraseCuts[n]
            phraseSpans[p] = (max(0, Double(piece.speech.lowerBound) - margin), min(Double(frames), Double(piece.speech.upperBound) + margin), piece.confidence)
        }
        // Phrases with nothing to say sit where the next one starts.
        var cursor = Double(extent.lowerBound)
        for p in input.phrases.indices {
            if phraseUnits[p] > 0 {
                phraseSpans[p].start = max(phraseSpans[p].start, cursor)
                phraseSpans[p].end = max(phraseSpans[p].end, phraseSpans[p].start)
                cursor = phraseSpans[p].end
            } else {
                phraseSpans[p] = (cursor, cursor, 1)
            }
        }

        var phrases: [AlignedPhrase] = []
        for (p, phrase) in input.phrases.enumerated() {
            let span = phraseSpans[p]
            let wordUnits = phrase.map(units)
            let speaking = wordUnits.indices.filter { wordUnits[$0] > 0 }
            var words = phrase.map { AlignedWord(text: $0, startMs: ms(span.start), endMs: ms(span.start), confidence: 1) }
            if !speaking.isEmpty {
                let lower = Int(span.start.rounded(.down)), upper = max(lower + 1, Int(span.end.rounded(.up)))
                let pieces = segmenter.segment(
                    units: speaking.map { wordUnits[$0] }, span: lower..<min(frames, upper),
                    minimumPause: max(1, settings.wordPauseMs / 10), sigma: 0.5, weakPenalty: 0.5)
                for (n, w) in speaking.enumerated() {
                    let piece = pieces[n]
                    // The first and last words share the phrase's edges; inner edges keep a margin.
                    let start = n == 0 ? span.start : max(span.start, Double(piece.speech.lowerBound) - margin)
                    let end = n == speaking.count - 1 ? span.end : min(span.end, Double(piece.speech.upperBound) + margin)
                    words[w].startMs = ms(start)
                    words[w].endMs = ms(max(start, end))
                    words[w].confidence = min(span.confidence, piece.confidence) * 0.9
                }
                // In order; a word with nothing to say sits where the word before it ends (the
                // phrase's start for a first word).
                var at = ms(span.start)
                for k in words.indices {
                    if wordUnits[k] > 0 {
                        words[k].startMs = max(words[k].startMs, at)
                        words[k].endMs = max(words[k].endMs, words[k].startMs)
                    } else {
                        words[k].startMs = at
                        words[k].endMs = at
                    }
                    at = words[k].endMs
                }
            }
            phrases.append(AlignedPhrase(startMs: ms(span.start), endMs: ms(span.end), confidence: span.confidence, words: words))
        }
        return AlignmentResult(phrases: phrases, method: .pauses)
    }
}

/// Splits a stretch of frames into pieces of expected relative lengths, cutting at pauses.
struct PauseSegmenter {
    let activity: SpeechActivity
    /// speechBefore[k]: speech frames in 0..<k.
    let speechBefore: [Int]

    init(activity: SpeechActivity) {
        self.activity = activity
        var prefix = [Int](repeating: 0, count: activity.isSpeech.count + 1)
        for (k, speech) in activity.isSpeech.enumerated() { prefix[k + 1] = prefix[k] + (speech ? 1 : 0) }
        speechBefore = prefix
    }

    /// One piece: its frames (from cut to cut), the speech within it, and how sure the cut is.
    struct Piece {
        var frames: Range<Int>
        var speech: Range<Int>
        var confidence: Double
    }

    /// A place to cut: a pause (`frames`, several) or a quiet frame inside speech (one frame).
    struct Cut {
        var frames: Range<Int>
        var cost: Double
        var isPause: Bool
    }

    /// Cuts `span` into `units.count` pieces whose speech lengths are closest to `units` (relative),
    /// preferring pauses of at least `minimumPause` frames (the longer the better) over quiet
    /// frames inside speech (`weakPenalty` each). `sigma`: how much a piece's length may stray
    /// from its share (a log-ratio standard deviation).
    func segment(units: [Double], span: Range<Int>, minimumPause: Int, sigma: Double, weakPenalty: Double) -> [Piece] {
        let n = units.count
        guard n > 0 else { return [] }
        guard n > 1, span.count > 1 else {
            return (0..<n).map { _ in Piece(frames: span, speech: speechExtent(in: span) ?? span, confidence: n == 1 ? 0.9 : 0.1) }
        }
        let cuts = candidates(in: span, minimumPause: minimumPause, weakPenalty: weakPenalty, needed: n - 1)
        let totalSpeech = Double(max(1, speech(in: span)))
        let totalUnits = units.reduce(0, +)
        let rate = totalSpeech / max(totalUnits, 1e-9)  // speech frames per unit
        func pieceCost(_ unit: Int, _ from: Int, _ to: Int) -> Double {
            guard to > from else { return 1e9 }
            let actual = Double(speech(in: from..<to))
            if actual == 0 { return 1e9 }
            let expected = rate * units[unit]
            let ratio = log((actual + 5) / (expected + 5))
            return ratio * ratio / (2 * sigma * sigma)
        }
        let c = cuts.count
        // Where each piece may end: cuts whose speech before them is within 15 s (of speech) of
        // the expected amount, or half of it early on: a band, so time and memory stay linear.
        let speechBeforeCut = cuts.map { Double(speech(in: span.lowerBound..<$0.frames.lowerBound)) }
        var expectedBefore = 0.0
        let windows: [Range<Int>] = (0..<(n - 1)).map { u in
            expectedBefore += rate * units[u]
            let tolerance = max(100, min(1_500, 0.5 * expectedBefore))
            let low = speechBeforeCut.partitioningIndex { $0 >= expectedBefore - tolerance }
            let high = speechBeforeCut.partitioningIndex { $0 > expectedBefore + tolerance }
            return max(low, u)..<max(max(low, u), min(high, c - (n - 2 - u)))
        }
        // best[u][j - windows[u].lowerBound]: least cost of pieces 0…u with piece u ending at cut j.
        var best = windows.map { [Double](repeating: .infinity, count: $0.count) }
        var from = windows.map { [Int](repeating: -1, count: $0.count) }
        // Pieces may not be longer than 4× their share plus a second of speech: limits the search.
        func reachable(_ unit: Int, _ start: Int, _ end: Int) -> Bool {
            Double(speech(in: start..<end)) <= 4 * rate * units[unit] + 100
        }
        for j in windows[0] {
            best[0][j - windows[0].lowerBound] = pieceCost(0, span.lowerBound, cuts[j].frames.lowerBound) + cuts[j].cost
        }
        if n > 2 {
            for u in 1..<(n - 1) {
                let previous = windows[u - 1]
                for j in windows[u] {
                    let end = cuts[j].frames.lowerBound
                    var i = min(j - 1, previous.upperBound - 1)
                    while i >= previous.lowerBound {
                        let start = cuts[i].frames.upperBound
                        if start > end { i -= 1; continue }
                        if !reachable(u, start, end) && i < j - 1 { break }
                        let value = best[u - 1][i - previous.lowerBound] + pieceCost(u, start, end) + cuts[j].cost
                        if value < best[u][j - windows[u].lowerBound] {
                            best[u][j - windows[u].lowerBound] = value
                            from[u][j - windows[u].lowerBound] = i
                        }
                        i -= 1
                    }
                }
            }
        }
        var finalCut = -1, finalCost = Double.infinity
        for j in windows[n - 2] {
            let start = cuts[j].frames.upperBound
            guard start < span.upperBound else { continue }
            let value = best[n - 2][j - windows[n - 2].lowerBound] + pieceCost(n - 1, start, span.upperBound)
            if value < finalCost {
                finalCost = value
                finalCut = j
            }
        }
        var chosen = [Int](repeating: -1, count: n - 1)
        if finalCut >= 0, finalCost < .infinity {
            var j = finalCut
            for u in stride(from: n - 2, through: 0, by: -1) {
                chosen[u] = j
                if u == 0 { break }
                j = from[u][j - windows[u].lowerBound]
                if j < 0 { break }
            }
        }
        if finalCut < 0 || chosen.contains(where: { $0 < 0 }) || zip(chosen, chosen.dropFirst()).contains(where: { $0 >= $1 }) {
            // No valid cutting (should not happen: the candidates include even cuts); share evenly.
            return evenPieces(units: units, span: span)
        }
        var pieces: [Piece] = []
        var start = span.lowerBound
        for u in 0..<n {
            let cut: Cut? = u < n - 1 ? cuts[chosen[u]] : nil
            let end = cut?.frames.lowerBound ?? span.upperBound
            let frames = start..<max(start, end)
            let cost = pieceCost(u, frames.lowerBound, frames.upperBound)
            let before = u == 0 ? true : cuts[chosen[u - 1]].isPause
            let after = cut?.isPause ?? true
            let edges = (before ? 0.5 : 0.25) + (after ? 0.5 : 0.25)
            pieces.append(Piece(frames: frames, speech: speechExtent(in: frames) ?? frames, confidence: exp(-cost) * edges))
            start = cut?.frames.upperBound ?? span.upperBound
        }
        return pieces
    }

    /// Pauses inside `span` (not touching its ends), quiet frames inside speech, and — if there
    /// are fewer than `needed` — evenly spaced frames.
    func candidates(in span: Range<Int>, minimumPause: Int, weakPenalty: Double, needed: Int) -> [Cut] {
        var cuts: [Cut] = []
        var k = span.lowerBound
        let energy = activity.energyDB, speech = activity.isSpeech
        while k < span.upperBound {
            if !speech[k] {
                var end = k
                while end < span.upperBound && !speech[end] { end += 1 }
                if k > span.lowerBound && end < span.upperBound {
                    let length = end - k
                    if length >= minimumPause {
                        cuts.append(Cut(frames: k..<end, cost: -log(1 + Double(length) / Double(minimumPause)), isPause: true))
                    } else {
                        cuts.append(Cut(frames: k..<end, cost: weakPenalty * 0.5, isPause: false))
                    }
                }
                k = end
            } else {
                // A local energy minimum inside speech (±5 frames): a possible unmarked boundary.
                let low = max(span.lowerBound, k - 5), high = min(span.upperBound, k + 6)
                if k > span.lowerBound + 2 && k < span.upperBound - 3 {
                    var isMinimum = true
                    for j in low..<high where j != k && energy[j] < energy[k] { isMinimum = false; break }
                    if isMinimum { cuts.append(Cut(frames: k..<(k + 1), cost: weakPenalty, isPause: false)) }
                }
                k += 1
            }
        }
        if cuts.count < needed {
            let step = Double(span.count) / Double(needed + 1)
            for i in 1...needed {
                let f = span.lowerBound + Int(Double(i) * step)
                if !cuts.contains(where: { $0.frames.contains(f) }) {
                    cuts.append(Cut(frames: f..<(f + 1), cost: weakPenalty * 2, isPause: false))
                }
            }
            cuts.sort { $0.frames.lowerBound < $1.frames.lowerBound }
        }
        return cuts
    }

    func evenPieces(units: [Double], span: Range<Int>) -> [Piece] {
        let total = max(units.reduce(0, +), 1e-9)
        var start = Double(span.lowerBound)
        return units.map { unit in
            let end = start + Double(span.count) * unit / total
            let frames = Int(start)..<max(Int(start), Int(end))
            start = end
            return Piece(frames: frames, speech: frames, confidence: 0.1)
        }
    }

    func speech(in range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        let lower = max(0, min(range.lowerBound, speechBefore.count - 1))
        let upper = max(lower, min(range.upperBound, speechBefore.count - 1))
        return speechBefore[upper] - speechBefore[lower]
    }

    func speechExtent(in range: Range<Int>) -> Range<Int>? {
        guard let first = range.first(where: { activity.isSpeech[$0] }),
              let last = range.reversed().first(where: { activity.isSpeech[$0] }) else { return nil }
        return first..<(last + 1)
    }
}

extension SpeechActivity {
    /// Level in dB (full scale, mean square) of 25 ms frames every 10 ms, frame `k` centred at
    /// `(k + 0.5) × 10 ms`: the same measure as ``FeatureMatrix/energyDB``, without the FFT.
    static func frameEnergies(of samples: [Float], sampleRate: Int) -> [Float] {
        let hop = Double(sampleRate) * MFCCExtractor.hopSeconds
        let window = Int((Double(sampleRate) * MFCCExtractor.windowSeconds).rounded())
        let count = Int((Double(samples.count) / hop).rounded(.up))
        var result = [Float](repeating: -120, count: count)
        let hamming = (0..<window).map { n in Float(0.54 - 0.46 * cos(2 * Double.pi * Double(n) / Double(max(1, window - 1)))) }
        samples.withUnsafeBufferPointer { signal in
            for k in 0..<count {
                let start = Int(((Double(k) + 0.5) * hop - Double(window) / 2).rounded())
                var sum: Float = 0
                var weights: Float = 0
                for n in 0..<window where start + n >= 0 && start + n < signal.count {
                    let w = hamming[n]
                    let value = signal[start + n] * w
                    sum += value * value
                    weights += w * w
                }
                result[k] = max(-120, 10 * log10(max(sum / max(weights, 1e-9), 1e-12)))
            }
        }
        return result
    }
}
