import Foundation

/// Carries the synthetic speech's phrase and word boundaries over a warping path to the recording,
/// moves them to nearby pauses, and scores them.
struct BoundaryMapper {
    let warp: WarpMap
    let recordingFrames: Int
    let syntheticHop: Double
    let syntheticActivity: SpeechActivity
    /// The recording's activity against its true noise floor: the pauses junctions take.
    let recordingActivity: SpeechActivity
    /// The recording's activity against its usual floor (its 10th percentile): where its speech
    /// begins and ends, quiet breath and room noise at the edges left out.
    let edgeActivity: SpeechActivity
    let recordingDurationMs: Int
    let settings: SynthesisDTWAligner.Settings
    /// The recording's samples, for telling a voiced island from a voiceless one (see
    /// ``keepingFinalRelease(_:candidates:taken:opening:)``); nil: not told.
    var voicing: VoicingProbe? = nil
    /// The two speeches' features, for hearing a word where the counted islands would put it
    /// (see ``WordAcoustics``); nil: lengths only.
    var acoustics: WordAcoustics? = nil

    /// A stretch of the synthetic speech (frame boundaries) for one word or phrase.
    struct Span {
        var start: Int
        var end: Int
    }

    func phrases(_ phrases: [[String]], speech: SynthesizedSpeech) -> [AlignedPhrase] {
        let synthetic = syntheticSpans(phrases, speech: speech)
        // Recording boundaries, in frames (fractional), before refinement.
        var phraseTimes = synthetic.map { (start: map($0.phrase.start), end: map($0.phrase.end, ending: true)) }
        // Pauses long enough to be where the speech begins and ends (the recording's first onset
        // and last offset), and every pause, short ones included, for the junctions: in told
        // stories the pause between two phrases is often no longer than a stop's closure.
        let pauses = edgeActivity.isReliable ? edgeActivity.pauses(minimumFrames: max(1, settings.phrasePauseMs / 10)) : []
        let junctionPauses = junctionPauses(synthetic: synthetic)
        let phraseSnap = 1.5 * Double(settings.phraseReachAfterMs) / 10
        let margin = Double(settings.edgeMarginMs) / 10
        // Per edge, how well it is supported (see resolveJunctions): 0.45 for a DTW-only edge, up to 1.
        var phraseSupport = [(start: Double, end: Double)](repeating: (0.45, 0.45), count: phrases.count)

        // Phrase edges: the recording's first onset, each junction, the last offset.
        if let first = phraseTimes.first {
            if let onset = nearestEdge(to: first.start, in: pauses, onset: true, within: phraseSnap) {
                phraseTimes[0].start = max(0, onset - margin)
                phraseSupport[0].start = 0.9
            }
        }
        if let last = phraseTimes.last {
            if let offset = nearestEdge(to: last.end, in: pauses, onset: false, within: phraseSnap) {
                phraseTimes[phraseTimes.count - 1].end = min(Double(recordingFrames), offset)
                phraseSupport[phraseTimes.count - 1].end = 0.9
            }
        }
        let phraseEnds = phraseTimes.dropLast().map(\.end), phraseStarts = phraseTimes.dropFirst().map(\.start)
        let phraseJunctions = readWordByWord(phrases, between: phraseTimes, pauses: junctionPauses).flatMap { pauses in
            wordByWordJunctions(ends: phraseEnds, starts: phraseStarts, pauses: pauses, minimumFrames: 1,
                                reach: Double(settings.phraseReachAfterMs) / 10, margin: margin)
        } ?? resolveJunctions(
            ends: phraseEnds, starts: phraseStarts, pauses: junctionPauses,
            reachBefore: Double(settings.phraseReachBeforeMs) / 10, reachAfter: Double(settings.phraseReachAfterMs) / 10, margin: margin,
            rivals: wordRivals(phrases, synthetic: synthetic),
            openings: phrases.indices.dropFirst().map { p in
                opening(phrase: p, word: phrases[p].indices.first { AlignmentText.isSpeakable(phrases[p][$0]) }, speech: speech, synthetic: synthetic)
            })
        for (k, junction) in phraseJunctions.enumerated() {
            phraseTimes[k].end = junction.end
            phraseTimes[k + 1].start = junction.start
            phraseSupport[k].end = junction.support
            phraseSupport[k + 1].start = junction.support
        }
        // Keep phrases ordered and non-overlapping.
        for k in 0..<phraseTimes.count {
            if k > 0 { phraseTimes[k].start = max(phraseTimes[k].start, phraseTimes[k - 1].end) }
            phraseTimes[k].end = max(phraseTimes[k].end, phraseTimes[k].start)
        }

        let statistics = costStatistics()
        // First every word's times, then their confidences: a word's pace is judged against its
        // neighbours', across phrase junctions.
        var placed: [PlacedWords] = []
        for (p, phrase) in phrases.enumerated() {
            let spans = synthetic[p].words
            let bounds = phraseTimes[p]
            var times = spans.map { (start: map($0.start), end: map($0.end, ending: true)) }
            var support = [(start: Double, end: Double)](repeating: (0.45, 0.45), count: spans.count)
            if !times.isEmpty {
                times[0].start = bounds.start
                times[times.count - 1].end = bounds.end
                support[0].start = phraseSupport[p].start
                support[times.count - 1].end = phraseSupport[p].end
            }
            let speakable = phrase.map(AlignmentText.isSpeakable)
            // Junctions between consecutive words that have something to say, with the pauses
            // inside the phrase.
            let spoken = times.indices.filter { speakable[$0] }
            let inside = junctionPauses.filter { Double($0.lowerBound) > bounds.start && Double($0.upperBound) < bounds.end }
            let ends = spoken.dropLast().map { times[$0].end }, starts = spoken.dropFirst().map { times[$0].start }
            let wordJunctions = (settings.wordByWordPauseMs <= 0 ? nil : wordByWordJunctions(
                ends: ends, starts: starts, pauses: inside, minimumFrames: max(1, settings.wordByWordPauseMs / 10),
                reach: Double(settings.wordReachAfterMs) / 10, margin: margin))
                ?? steadier(
                    resolveJunctions(ends: ends, starts: starts, pauses: inside, reachBefore: Double(settings.wordReachBeforeMs) / 10,
                                     reachAfter: Double(settings.wordReachAfterMs) / 10, margin: margin,
                                     openings: spoken.dropFirst().map { opening(phrase: p, word: $0, speech: speech, synthetic: synthetic) }),
                    or: settings.pausePerJunction ? wordByWordJunctions(
                        ends: ends, starts: starts, pauses: inside, minimumFrames: 1,
                        reach: Double(settings.wordReachAfterMs) / 10, margin: margin) : nil,
                    from: bounds.start, to: bounds.end, syntheticLengths: spoken.map { Double(max(1, spans[$0].end - spans[$0].start)) })
            for (n, junction) in wordJunctions.enumerated() {
                let k = spoken[n], next = spoken[n + 1]
                times[k].end = junction.end
                times[next].start = junction.start
                support[k].end = junction.support
                support[next].start = junction.support
            }
            // Inside the phrase, in order; a word with nothing to say sits where the word before it
            // ends (the phrase's start for a first word).
            var cursor = bounds.start
            for k in 0..<times.count {
                if !speakable[k] {
                    times[k] = (cursor, cursor)
                    continue
                }
                times[k].start = min(max(times[k].start, cursor), bounds.end)
                times[k].end = min(max(times[k].end, times[k].start), bounds.end)
                cursor = times[k].end
            }
            placed.append((times, support, speakable))
        }
        if settings.jointPaceWeight > 0 || settings.countedIslandsPaceRatio > 1 {
            placed = jointlyResolved(placed, phraseTimes: &phraseTimes, phraseSupport: &phraseSupport, synthetic: synthetic,
                                     pauses: junctionPauses, margin: margin)
        }
        // Each spoken word's pace: its length in the recording over its length in the synthetic
        // speech (log), and the local pace, the median of its neighbours' (4 on each side).
        var paces: [Double] = []
        for (p, words) in placed.enumerated() {
            for k in words.times.indices where words.speakable[k] {
                let span = synthetic[p].words[k]
                let length = max(1, words.times[k].end - words.times[k].start)
                paces.append(log(length / Double(max(1, span.end - span.start))))
            }
        }
        let localPaces = paces.indices.map { i -> Double in
            let neighbours = (max(0, i - 4)..<min(paces.count, i + 5)).filter { $0 != i }.map { paces[$0] }.sorted()
            return neighbours.isEmpty ? paces[i] : neighbours[neighbours.count / 2]
        }
        var result: [AlignedPhrase] = []
        var spokenIndex = 0
        for (p, phrase) in phrases.enumerated() {
            let spans = synthetic[p].words
            let (times, support, speakable) = placed[p]
            let bounds = phraseTimes[p]
            var words: [AlignedWord] = []
            var weightedConfidence = 0.0, weight = 0.0
            for (k, text) in phrase.enumerated() {
                let confidence: Double
                if speakable[k] {
                    let span = spans[k]
                    confidence = self.confidence(
                        span: span, statistics: statistics,
                        stretch: exp(paces[spokenIndex] - localPaces[spokenIndex]),
                        edges: (support[k].start + support[k].end) / 2)
                    spokenIndex += 1
                    weightedConfidence += confidence * Double(max(1, span.end - span.start))
                    weight += Double(max(1, span.end - span.start))
                } else {
                    confidence = 1
                }
                words.append(AlignedWord(text: text, startMs: milliseconds(times[k].start), endMs: milliseconds(times[k].end), confidence: confidence))
            }
            let edges = (phraseSupport[p].start + phraseSupport[p].end) / 2
            let phraseConfidence = min(1, max(0, 0.5 * edges + 0.5 * (weight > 0 ? weightedConfidence / weight : edges)))
            result.append(AlignedPhrase(
                startMs: milliseconds(bounds.start), endMs: milliseconds(bounds.end),
                confidence: phraseConfidence, words: words))
        }
        return result
    }

    /// The pauses the junctions may take: every pause of ``SynthesisDTWAligner/Settings/shortestPauseMs``
    /// or more and every run of steady noise (``SynthesisDTWAligner/Settings/steadyPauseMs``),
    /// less the closures the path matched to the synthetic words' own (`synthetic`).
    func junctionPauses(synthetic: [(phrase: Span, words: [Span])]) -> [Range<Int>] {
        guard recordingActivity.isReliable else { return [] }
        var pauses = recordingActivity.pauses(minimumFrames: max(1, settings.shortestPauseMs / 10))
        if settings.steadyPauseMs > 0 {
            pauses = SpeechActivity.merged(pauses, recordingActivity.steadyPauses(
                minimumFrames: max(2, settings.steadyPauseMs / 10), toleranceDB: settings.steadyPauseToleranceDB,
                belowSpeechDB: settings.steadyPauseBelowSpeechDB))
        }
        return settings.closuresFromPath ? withoutClosures(pauses, synthetic: synthetic) : pauses
    }

    /// Of the path's junctions and the ones that give each junction its own pause in order (nil
    /// when the pauses are not one per junction), the pauses' when the path's have slipped and
    /// theirs keep the speaker's pace steadier.
    ///
    /// A list of short, alike words (syllables said one after another, "pe pi zu ro") may pause
    /// between every word as briefly as a stop's closure: too briefly for
    /// ``wordByWordJunctions(ends:starts:pauses:minimumFrames:reach:margin:)``'s long pauses, and
    /// the path, which cannot tell "zo" from "ga" in eSpeak NG's voice, slips by a word there. A
    /// slip squeezes one word and stretches another against the synthetic speech: the path's
    /// junctions have slipped when a word's pace (its length over the synthetic word's) is more
    /// than twice or less than half the phrase's (its median), the rule by which
    /// ``confidence(span:statistics:stretch:edges:)`` doubts a word. A pause per junction that
    /// merely happens to match in count (a closure inside a word, a junction with no pause)
    /// strays as well, so the pauses are taken only when their words stray less in all. The
    /// phrase's last word is left out: eSpeak NG draws out a phrase's last syllable, a speaker
    /// reading a list need not.
    func steadier(_ path: [Junction], or paused: [Junction]?, from start: Double, to end: Double, syntheticLengths: [Double]) -> [Junction] {
        guard let paused, !path.isEmpty, paused.count == path.count, syntheticLengths.count == path.count + 1 else { return path }
        // Per word but the last, how far its pace strays from the phrase's (log).
        func strays(_ junctions: [Junction]) -> [Double] {
            let starts = [start] + junctions.map(\.start), ends = junctions.map(\.end) + [end]
            let paces = zip(zip(starts, ends), syntheticLengths).map { log(max(1, $0.1 - $0.0) / $1) }.dropLast()
            let median = paces.sorted()[paces.count / 2]
            return paces.map { abs($0 - median) }
        }
        let pathStrays = strays(path), pausedStrays = strays(paused)
        let slipped = (pathStrays.max() ?? 0) > log(2), steady = pausedStrays.reduce(0, +) < pathStrays.reduce(0, +)
        return slipped && steady ? paused : path
    }

    /// When the whole recording is read word by word — exactly one pause of
    /// ``SynthesisDTWAligner/Settings/wordByWordPauseMs`` or more per word junction between its
    /// first phrase's start and its last one's end — the pauses that fall between phrases, one
    /// per phrase junction; nil otherwise (see ``wordByWordJunctions(ends:starts:pauses:minimumFrames:reach:margin:)``).
    func readWordByWord(_ phrases: [[String]], between times: [(start: Double, end: Double)], pauses: [Range<Int>]) -> [Range<Int>]? {
        guard settings.wordByWordPauseMs > 0, phrases.count > 1, let first = times.first, let last = times.last else { return nil }
        let counts = phrases.map { $0.filter(AlignmentText.isSpeakable).count }
        guard counts.allSatisfy({ $0 > 0 }) else { return nil }
        let minimumFrames = max(1, settings.wordByWordPauseMs / 10)
        let long = pauses.filter { $0.count >= minimumFrames && Double($0.lowerBound) > first.start && Double($0.upperBound) < last.end }
        guard long.count == counts.reduce(0, +) - 1 else { return nil }
        var wordsBefore = 0
        return counts.dropLast().map { count in
            wordsBefore += count
            return long[wordsBefore - 1]
        }
    }

    /// Frame boundary (fractional) → milliseconds, within the recording.
    func milliseconds(_ frames: Double) -> Int {
        min(recordingDurationMs, max(0, Int((frames * 10).rounded())))
    }

    /// The recording frame boundary matched to synthetic frame boundary `s` (between frames s − 1 and s).
    func map(_ s: Int, ending: Bool = false) -> Double {
        warp.recordingBoundary(forSynthetic: s, ending: ending)
    }

    /// The pause edge nearest to `position`, within `within` frames: for an onset, where a pause
    /// ends; for an offset, where the sound before a pause has died away (``SpeechActivity/decayEnd(of:)``).
    func nearestEdge(to position: Double, in pauses: [Range<Int>], onset: Bool, within: Double) -> Double? {
        var best: (distance: Double, edge: Double)?
        for pause in pauses {
            let edge = Double(onset ? edgeActivity.onset(after: pause) : edgeActivity.decayEnd(of: pause))
            // Inside the pause counts as distance 0 to its edge on the speech side.
            let inside = position >= Double(pause.lowerBound) && position <= Double(pause.upperBound)
            let distance = inside ? 0 : abs(position - edge)
            if distance <= within, best == nil || distance < best!.distance { best = (distance, edge) }
        }
        // Where the speech itself begins (ends), when no pause comes before (after) it: a
        // recording cut right at the voice, or within a few frames of it (a voiced closure's quiet
        // start). It competes with the pauses by distance: else the first word's own pause after
        // it is the nearest onset, and the word is lost.
        guard let extent = edgeActivity.speechExtent else { return best?.edge }
        if onset, pauses.first.map({ $0.lowerBound > 0 }) ?? true {
            let distance = abs(position - Double(extent.lowerBound))
            if distance <= within, best == nil || distance < best!.distance { return Double(extent.lowerBound) }
        }
        if !onset, pauses.last.map({ $0.upperBound < edgeActivity.isSpeech.count }) ?? true {
            let distance = abs(position - Double(extent.upperBound))
            if distance <= within, best == nil || distance < best!.distance { return Double(extent.upperBound) }
        }
        return best?.edge
    }

    /// Per phrase, its synthetic span and its words' spans, in synthetic frame boundaries.
    func syntheticSpans(_ phrases: [[String]], speech: SynthesizedSpeech) -> [(phrase: Span, words: [Span])] {
        let frames = syntheticActivity.isSpeech.count
        func frame(_ sample: Int) -> Int { min(frames, max(0, Int((Double(sample) / syntheticHop).rounded()))) }
        var result: [(Span, [Span])] = []
        for (p, phrase) in phrases.enumerated() {
            let range = speech.phraseRanges[p]
            var first = frame(range.lowerBound), last = max(first, frame(range.upperBound))
            // The phrase's speech: its first and last speech frames.
            while first < last && !syntheticActivity.isSpeech[first] { first += 1 }
            while last > first && !syntheticActivity.isSpeech[last - 1] { last -= 1 }
            let phraseSpan = Span(start: first, end: last)
            // Word starts from eSpeak NG's events; missing ones spread by expected length.
            let weights = phrase.map { max(0.0, AlignmentText.expectedSyllables($0)) }
            var starts: [Double?] = speech.wordStarts[p].enumerated().map { k, sample in
                guard let sample, weights[k] > 0 else { return nil }
                return Double(min(max(frame(sample), first), last))
            }
            if let firstSpeakable = weights.firstIndex(where: { $0 > 0 }), starts[firstSpeakable] == nil || starts[firstSpeakable]! < Double(first) {
                starts[firstSpeakable] = Double(first)
            }
            // Starts must not go back: a later event before an earlier one is dropped.
            var latest = Double(first)
            for k in starts.indices {
                if let s = starts[k] {
                    if s < latest { starts[k] = nil } else { latest = s }
                }
            }
            let filled = Self.interpolate(starts, weights: weights, start: Double(first), end: Double(last))
            var words: [Span] = []
            for k in phrase.indices {
                guard weights[k] > 0 else {
                    words.append(Span(start: Int(filled[k]), end: Int(filled[k])))
                    continue
                }
                let nextStart = ((k + 1)..<phrase.count).first { weights[$0] > 0 }.map { filled[$0] } ?? Double(last)
                var end = Int(nextStart.rounded())
                let start = Int(filled[k].rounded())
                // A synthetic pause before the next word (a comma) ends this one early.
                var silence = end
                while silence > start + 1 && !syntheticActivity.isSpeech[silence - 1] { silence -= 1 }
                if end - silence >= 3 { end = silence }
                words.append(Span(start: start, end: max(start, end)))
            }
            result.append((phraseSpan, words))
        }
        return result
    }

    /// Fills missing starts by spreading the words between known starts in proportion to `weights`.
    static func interpolate(_ starts: [Double?], weights: [Double], start: Double, end: Double) -> [Double] {
        var anchors: [(index: Int, position: Double)] = starts.enumerated().compactMap { k, s in s.map { (k, $0) } }
        if anchors.first?.index != 0 { anchors.insert((0, start), at: 0) }
        anchors.append((starts.count, end))
        var result = [Double](repeating: start, count: starts.count)
        for (a, b) in zip(anchors, anchors.dropFirst()) where a.index < b.index {
            let total = weights[a.index..<b.index].reduce(0, +)
            var cursor = a.position
            for j in a.index..<b.index {
                result[j] = cursor
                if total > 0 { cursor += (b.position - a.position) * weights[j] / total }
            }
        }
        return result
    }

    /// Median and spread of the per-frame path cost over the synthetic speech frames.
    func costStatistics() -> (median: Double, spread: Double) {
        var costs: [Float] = []
        for (k, speech) in syntheticActivity.isSpeech.enumerated() where speech {
            costs.append(warp.cost(ofSynthetic: k))
        }
        guard !costs.isEmpty else { return (1, 1) }
        costs.sort()
        let median = Double(costs[costs.count / 2])
        let deviations = costs.map { abs(Double($0) - median) }.sorted()
        return (median, max(1e-3, 1.4826 * deviations[deviations.count / 2]))
    }

    /// 0…1 for a word: mostly how well its two edges are supported (pauses where the path put
    /// them), then how far its pace (`stretch`: its length against the synthetic word's, over
    /// the same for its neighbours) strays from its neighbours' (squeezed or stretched more than
    /// 2× makes it doubtful) and, a little, how well its frames matched along the path. (Measured
    /// on the benchmark sets, edges and pace predict a wrong boundary far better than the acoustic
    /// match, eSpeak NG's voice being too unlike a human one for distances to say much.)
    func confidence(span: Span, statistics: (median: Double, spread: Double), stretch: Double, edges: Double) -> Double {
        var sum = 0.0, count = 0
        for k in span.start..<max(span.start + 1, span.end) where k < syntheticActivity.isSpeech.count {
            sum += Double(warp.cost(ofSynthetic: k))
            count += 1
        }
        let z = ((count > 0 ? sum / Double(count) : statistics.median) - statistics.median) / statistics.spread
        let match = 1 / (1 + exp(1.6 * (z - 1.0)))
        var confidence = edges * (0.8 + 0.2 * match)
        // A word that took more than twice (less than half) the time its neighbours' pace gives it
        // has most likely swallowed a neighbour's sound or lost its own to one: the path has
        // drifted there, and its edges are no surer than a guess.
        let stray = abs(log(max(stretch, 1e-3)))
        if stray > log(2) { confidence = min(confidence, 0.45) * exp(-(stray - log(2))) }
        return min(1, max(0, confidence))
    }
}

extension SpeechActivity {
    /// How many frames are speech.
    var speechFrameCount: Int { isSpeech.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
