import Foundation

extension BoundaryMapper {
    /// One phrase's words as placed in the recording (frames), their edges' support, and which
    /// of them have something to say.
    typealias PlacedWords = (times: [(start: Double, end: Double)], support: [(start: Double, end: Double)], speakable: [Bool])

    /// `placed` with every junction between two spoken words, across phrases, given by
    /// ``jointJunctions(_:from:to:syntheticLengths:phraseFinal:pauses:reachBefore:reachAfter:margin:weight:)``;
    /// the phrases' edges and supports follow their first and last words.
    func jointlyResolved(_ placed: [PlacedWords], phraseTimes: inout [(start: Double, end: Double)],
                         phraseSupport: inout [(start: Double, end: Double)], synthetic: [(phrase: Span, words: [Span])],
                         pauses: [Range<Int>], margin: Double) -> [PlacedWords] {
        // The spoken words in order: (phrase, word).
        let spoken = placed.indices.flatMap { p in placed[p].times.indices.filter { placed[p].speakable[$0] }.map { (p, $0) } }
        guard spoken.count > 1, let first = spoken.first, let last = spoken.last else { return placed }
        // The last spoken word of each phrase.
        let phraseFinal = zip(spoken, spoken.dropFirst()).map { $0.0 != $1.0 } + [true]
        var current: [Junction] = [], before: [Double] = [], after: [Double] = []
        for (a, b) in zip(spoken, spoken.dropFirst()) {
            let phraseJunction = a.0 != b.0
            // A phrase junction is where the phrases meet (a word with nothing to say, "...",
            // may lie between its last spoken word and the next phrase).
            current.append(phraseJunction
                ? Junction(end: phraseTimes[a.0].end, start: phraseTimes[b.0].start, support: phraseSupport[a.0].end)
                : Junction(end: placed[a.0].times[a.1].end, start: placed[b.0].times[b.1].start, support: placed[a.0].support[a.1].end))
            before.append(Double(phraseJunction ? settings.phraseReachBeforeMs : settings.wordReachBeforeMs) / 10)
            after.append(Double(phraseJunction ? settings.phraseReachAfterMs : settings.wordReachAfterMs) / 10)
        }
        let lengths = spoken.map { Double(max(1, synthetic[$0.0].words[$0.1].end - synthetic[$0.0].words[$0.1].start)) }
        let start = placed[first.0].times[first.1].start, end = placed[last.0].times[last.1].end
        var joint = settings.jointPaceWeight > 0
            ? jointJunctions(current, from: start, to: end, syntheticLengths: lengths, phraseFinal: phraseFinal,
                             pauses: pauses, reachBefore: before, reachAfter: after, margin: margin, weight: settings.jointPaceWeight)
            : current
        if settings.countedIslandsPaceRatio > 1 {
            joint = countedIfSteadier(joint, from: start, to: end, syntheticLengths: lengths, phraseFinal: phraseFinal,
                                      pauses: pauses, margin: margin, syntheticSpans: spoken.map { synthetic[$0.0].words[$0.1] })
        }
        var result = placed
        for (n, junction) in joint.enumerated() where junction.start != current[n].start || junction.end != current[n].end {
            let (a, b) = (spoken[n], spoken[n + 1])
            result[a.0].times[a.1].end = junction.end
            result[b.0].times[b.1].start = junction.start
            result[a.0].support[a.1].end = junction.support
            result[b.0].support[b.1].start = junction.support
            if a.0 != b.0 {
                phraseTimes[a.0].end = junction.end
                phraseTimes[b.0].start = junction.start
                phraseSupport[a.0].end = junction.support
                phraseSupport[b.0].start = junction.support
            }
        }
        // Words with nothing to say sit where the word before them ends, as before.
        for p in result.indices {
            var cursor = phraseTimes[p].start
            for k in result[p].times.indices {
                if !result[p].speakable[k] {
                    result[p].times[k] = (cursor, cursor)
                    continue
                }
                cursor = max(cursor, result[p].times[k].end)
            }
        }
        return result
    }

    /// Every junction of the recording, phrase and word junctions together, given its pause by
    /// one dynamic programming whose value weighs the pauses' evidence and the steadiness of the
    /// words' paces together (`current`: the junctions the path and the local rules chose, in
    /// order; the first word starts at `start`, the last ends at `end`).
    ///
    /// In a list of short, alike words (syllables said one after another) the path can slip by a
    /// word for a few words and recover; each junction then takes a pause near where the path put
    /// it, one word off, and the slip shows only in the paces: one word squeezed where it starts,
    /// one stretched where it ends (a pace more than twice or less than half its neighbours', the
    /// rule by which ``confidence(span:statistics:stretch:edges:)`` doubts a word). The local
    /// rules see one junction or one phrase at a time and miss a slip across a phrase edge. Here
    /// each junction may move to any pause within the two words beside it (and a reach), and the
    /// assignment of the whole recording gains each pause's value (its evidence times its
    /// closeness to the junction's current place, as in
    /// ``resolveJunctions(ends:starts:pauses:reachBefore:reachAfter:margin:rivals:openings:)``) and pays, per word,
    /// `weight` times how far (log) its pace strays past twice or half its neighbours'
    /// (``pacePenalty(length:syntheticLength:localPace:)``). A junction keeps its current place,
    /// valued as its best candidate, unless moving removes more stray pace than it loses
    /// evidence: where every word keeps within twice its neighbours' pace nothing moves.
    ///
    /// Two guards, both for sentences: a junction that holds a pause moves only to a pause with
    /// at least half its evidence (a slip trades a pause for one like it; a phrase junction in a
    /// long pause is not given up for a breath inside the next phrase), and a phrase's last word
    /// (`phraseFinal`), which eSpeak NG draws out and a speaker need not, is judged against the
    /// other phrases' last words, not against the words beside it: else every phrase's last word
    /// looks squeezed, and one left out of the reckoning would absorb any slip for free.
    func jointJunctions(_ current: [Junction], from start: Double, to end: Double, syntheticLengths: [Double], phraseFinal: [Bool],
                        pauses: [Range<Int>], reachBefore: [Double], reachAfter: [Double], margin: Double, weight: Double) -> [Junction] {
        let count = current.count
        guard count > 0, weight > 0, syntheticLengths.count == count + 1, phraseFinal.count == count + 1,
              reachBefore.count == count, reachAfter.count == count else { return current }
        let candidatePauses = pauses.filter { $0.lowerBound > 0 && $0.upperBound < recordingFrames }
        // Each word's pace along the current junctions (log of its length over the synthetic
        // word's), and the median of its neighbours' of the same kind (4 on each side).
        let starts = [start] + current.map(\.start), ends = current.map(\.end) + [end]
        let paces = (0...count).map { log(max(1, ends[$0] - starts[$0]) / max(1, syntheticLengths[$0])) }
        let finals = (0...count).filter { phraseFinal[$0] }, others = (0...count).filter { !phraseFinal[$0] }
        let localPaces = (0...count).map { i -> Double in
            let kind = phraseFinal[i] ? finals : others
            let position = kind.partitioningIndex { $0 >= i }
            let neighbours = kind[max(0, position - 4)..<min(kind.count, position + 5)].filter { $0 != i }.map { paces[$0] }.sorted()
            return neighbours.isEmpty ? paces[i] : neighbours[neighbours.count / 2]
        }
        func penalty(_ word: Int, _ length: Double) -> Double {
            weight * pacePenalty(length: length, syntheticLength: syntheticLengths[word], localPace: localPaces[word])
        }
        // Per junction, its candidates: its current place first, then every pause that lies
        // within the two words beside it (as they are now) and a reach either side.
        var candidates: [[(junction: Junction, value: Double)]] = []
        for j in 0..<count {
            let here = current[j], low = min(here.end, here.start), high = max(here.end, here.start)
            let held = candidatePauses.filter { Double($0.lowerBound) <= high + 1 && Double($0.upperBound) >= low - 1 }.map(pauseEvidence).max() ?? 0
            var options: [(junction: Junction, value: Double)] = []
            for pause in candidatePauses where Double(pause.lowerBound) >= starts[j] - reachBefore[j]
                && Double(pause.upperBound) <= ends[j + 1] + reachAfter[j] && pauseEvidence(pause) >= held / 2 {
                let lower = Double(recordingActivity.decayEnd(of: pause)), upper = Double(recordingActivity.onset(after: pause))
                let moved = max(lower, upper - margin)
                let before = Double(pause.upperBound) < low
                let reach = (before ? reachBefore[j] : reachAfter[j]) + Double(pause.count) * (before ? 1 : 2)
                let distance = max(0, Double(pause.lowerBound) - high, low - Double(pause.upperBound))
                let closeness = max(0, 1 - distance / max(1, reach))
                options.append((Junction(end: min(moved, lower + margin), start: moved, support: 0.6 + 0.4 * closeness),
                                closeness * pauseEvidence(pause)))
            }
            // The current place is worth as much as the best of them, and a little more: moving
            // must buy steadier paces.
            candidates.append([(here, (options.map(\.value).max() ?? 0) + 1e-6)] + options)
        }
        // best[j][c]: the value of the first j + 1 junctions with junction j at candidate c,
        // words 0…j paid for.
        var best = candidates[0].map { option -> Double in
            let length = option.junction.end - start
            return length > 0 || option.junction.end == current[0].end ? option.value - penalty(0, length) : -.infinity
        }
        var back: [[Int]] = [[Int](repeating: 0, count: candidates[0].count)]
        for j in 1..<count {
            var row = [Double](repeating: -.infinity, count: candidates[j].count), from = [Int](repeating: 0, count: candidates[j].count)
            for (c, option) in candidates[j].enumerated() {
                for (c0, previous) in candidates[j - 1].enumerated() where best[c0] > -.infinity {
                    let length = option.junction.end - previous.junction.start
                    // A word may not vanish, unless it already had (both junctions where they were).
                    guard length > 0 || (c == 0 && c0 == 0) else { continue }
                    let value = best[c0] + option.value - penalty(j, length)
                    if value > row[c] { (row[c], from[c]) = (value, c0) }
                }
            }
            best = row
            back.append(from)
        }
        for c in best.indices where best[c] > -.infinity {
            best[c] -= penalty(count, end - candidates[count - 1][c].junction.start)
        }
        guard var c = best.indices.max(by: { best[$0] < best[$1] }), best[c] > -.infinity else { return current }
        var result = current
        for j in stride(from: count - 1, through: 0, by: -1) {
            result[j] = candidates[j][c].junction
            c = back[j][c]
        }
        return result
    }

    /// How far (log) a word of `length` frames strays past twice or half the pace its neighbours
    /// give it (`localPace`, log of recording over synthetic length); 0 within.
    func pacePenalty(length: Double, syntheticLength: Double, localPace: Double) -> Double {
        let pace = log(max(1, length) / max(1, syntheticLength))
        return max(0, abs(pace - localPace) - log(2))
    }
}
