import Foundation

extension BoundaryMapper {
    /// The words of a list said item by item, given to the recording's islands of speech by their
    /// lengths, whatever the path says: the junctions of
    /// ``countedIslands(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``, taken over
    /// `current` (the junctions the path and the other rules chose, in order, between the spoken
    /// words from `start` to `end`) when every island's words keep within
    /// ``SynthesisDTWAligner/Settings/countedIslandsPaceRatio`` times (or that fraction of) the
    /// median pace of their kind (the phrases' last words, the others) and the words' strays from
    /// it are less in all than `current`'s; `current` otherwise. `syntheticSpans`: the words'
    /// synthetic frames, for hearing them on the islands (empty: lengths only).
    ///
    /// A slip of the path over many words is close to the path everywhere, so no rule that weighs
    /// a pause by its closeness to the path undoes it (``jointJunctions(_:from:to:syntheticLengths:phraseFinal:pauses:reachBefore:reachAfter:margin:weight:)``).
    /// The islands do not care where the path went: when the long pauses cut the recording into
    /// about as many islands as there are words, assigning words to islands in order is nearly
    /// exact, and where a pause is missing or one falls inside a word, the lengths say which.
    func countedIfSteadier(_ current: [Junction], from start: Double, to end: Double, syntheticLengths: [Double],
                           phraseFinal: [Bool], pauses: [Range<Int>], margin: Double, syntheticSpans: [Span] = []) -> [Junction] {
        guard let counted = steadyCountedIslands(current, from: start, to: end, syntheticLengths: syntheticLengths,
                                                 phraseFinal: phraseFinal, pauses: pauses, margin: margin,
                                                 syntheticSpans: syntheticSpans)?.junctions else { return current }
        func paces(_ junctions: [Junction]) -> [Double] {
            let starts = [start] + junctions.map(\.start), ends = junctions.map(\.end) + [end]
            return zip(zip(starts, ends), syntheticLengths).map { log(max(1, $0.1 - $0.0) / $1) }
        }
        func strays(_ paces: [Double]) -> [Double] {
            Self.classMedians(paces, phraseFinal: phraseFinal).enumerated().map { abs(paces[$0] - $1) }
        }
        let countedStray = strays(paces(counted)).reduce(0, +), currentStray = strays(paces(current)).reduce(0, +)
        return countedStray < currentStray ? counted : current
    }

    /// The junctions of ``countedIslands(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``
    /// when every island's words keep within ``SynthesisDTWAligner/Settings/countedIslandsPaceRatio``
    /// times (or that fraction of) the median pace of their kind, each with the pause it takes
    /// between two islands (nil: inside one); nil otherwise.
    func steadyCountedIslands(_ current: [Junction], from start: Double, to end: Double, syntheticLengths: [Double],
                              phraseFinal: [Bool], pauses: [Range<Int>], margin: Double,
                              syntheticSpans: [Span] = []) -> (junctions: [Junction], pauses: [Range<Int>?])? {
        guard let (counted, matches, junctionPauses) = countedIslands(current, from: start, to: end, syntheticLengths: syntheticLengths,
                                                      phraseFinal: phraseFinal, pauses: pauses, margin: margin,
                                                      syntheticSpans: syntheticSpans) else { return nil }
        let starts = [start] + counted.map(\.start), ends = counted.map(\.end) + [end]
        let countedPaces = zip(zip(starts, ends), syntheticLengths).map { log(max(1, $0.1 - $0.0) / $1) }
        // Each island's words within `countedIslandsPaceRatio` (2.3: a little over the
        // confidence's rule for a slip, twice) times or that fraction of their kind's pace, judged
        // together: where two words share an island, only their sum is counted, the split between
        // them being a guess. A sentence cut at its closures into as many islands as words fits
        // nowhere near so well (on the dev sets its worst island strays 3.4 to 4.2 times).
        let medians = Self.classMedians(countedPaces, phraseFinal: phraseFinal)
        var real = [Double](repeating: 0, count: (matches.last ?? 0) + 1), expected = real
        for (w, match) in matches.enumerated() {
            real[match] += syntheticLengths[w] * exp(countedPaces[w])
            expected[match] += syntheticLengths[w] * exp(medians[w])
        }
        let steady = zip(real, expected).allSatisfy { abs(log($0 / $1)) <= log(settings.countedIslandsPaceRatio) }
        return steady ? (counted, junctionPauses) : nil
    }

    /// Gale and Church's length-based alignment (1993), on speech: the words (their synthetic
    /// lengths) against the islands of speech between the recording's pauses, in order. With
    /// ``SynthesisDTWAligner/Settings/islandPauseWeight`` (the default) every pause cuts an
    /// island, and a word may span up to eight of them, paying for each pause inside it the
    /// weight times log₂(1 + its frames): the pauses' lengths and the words' lengths are weighed
    /// in one alignment, and a word keeps its own closures even where they are longer than the
    /// gaps around it. Without it (0), the islands are cut at the pauses of
    /// ``SynthesisDTWAligner/Settings/wordByWordPauseMs`` or more and, while there are fewer
    /// islands than words, the longest of the others (counting: in a list said item by item
    /// there are as many islands as words), and a word spans at most two, at Gale and Church's
    /// prior. One word to one island, two words to one island (a pause between them too short
    /// or missing); a match costs its length mismatch, (log₂ of the
    /// island's length over the words' expected length)², and each two-to-one match Gale and
    /// Church's prior, ln 10 (their 2–1 matches are a tenth as likely as 1–1). The expected
    /// length is the synthetic one times a pace: first the recording's overall one, then, from
    /// the first alignment's one-word matches, the median of the phrases' last words
    /// (eSpeak NG draws them out) and of the others. In that second alignment each match also
    /// pays for how its words sound on its islands (``WordAcoustics``, weighed by
    /// ``SynthesisDTWAligner/Settings/islandSoundWeight``, `syntheticSpans` being the words'
    /// synthetic frames), within ``SynthesisDTWAligner/Settings/islandSoundReach`` islands of the
    /// first alignment: where alike syllables are about as long as each other, the lengths alone
    /// let a slip by one word run on for many. A junction between two islands takes the
    /// pause between them; one inside an island keeps `current`'s junction when that lies inside
    /// the island at a pause or dip (``SynthesisDTWAligner/Settings/countedKeepsInsideJunction``),
    /// else takes the pause or dip
    /// (``resolveJunctions(ends:starts:pauses:reachBefore:reachAfter:margin:rivals:openings:)``) nearest to where
    /// the two words' expected lengths split it. With the junctions, the words' islands and, per
    /// junction, the pause between two islands it takes (nil: inside one). nil when the islands
    /// cannot be matched so (far fewer or more of them than words: speech that does not pause at
    /// every word).
    func countedIslands(_ current: [Junction], from start: Double, to end: Double, syntheticLengths: [Double],
                        phraseFinal: [Bool], pauses: [Range<Int>], margin: Double,
                        syntheticSpans: [Span] = []) -> (junctions: [Junction], matches: [Int], pauses: [Range<Int>?])? {
        let words = syntheticLengths.count
        guard settings.wordByWordPauseMs > 0, words > 2, current.count == words - 1, phraseFinal.count == words else { return nil }
        let within = pauses.filter { Double($0.lowerBound) > start && Double($0.upperBound) < end }
        let weighted = settings.islandPauseWeight > 0
        var long = weighted ? within : within.filter { $0.count >= max(1, settings.wordByWordPauseMs / 10) }
        if !weighted && long.count < words - 1 {
            // As many islands as words: the longest of the shorter pauses too (the deeper first
            // among equals). In a list joined tightly every gap is short, but a word's own
            // closures are mostly shorter still.
            let shorter = within.filter { $0.count < max(1, settings.wordByWordPauseMs / 10) }
                .sorted { ($0.count, recordingActivity.depth(of: $0)) > ($1.count, recordingActivity.depth(of: $1)) }
            long = (long + shorter.prefix(words - 1 - long.count)).sorted { $0.lowerBound < $1.lowerBound }
        }
        let islands = long.count + 1
        // Weighed: a word may span up to `widest` islands, paying for the pauses inside it.
        let widest = 8
        guard islands * 2 >= words, (weighted ? words * widest : words * 2) >= islands else { return nil }
        // What a word pays for each pause inside it, in the units of the length mismatch: the
        // weight times log₂(1 + the pause's frames), so a gap between items costs more to leave
        // inside a word than a closure, which is shorter. Its length, not its depth: a gap beside
        // a noisier take is shallow against the noise around it however long it is (dev:
        // `it-syl-words-dev-natural`, a 280 ms gap at a quarter of full depth, was left inside a
        // word when weighed by depth). Prefix sums: inside[b] - inside[a] for pauses a..<b.
        var inside = [0.0]
        for pause in long { inside.append(inside[inside.count - 1] + (weighted ? settings.islandPauseWeight * log2(1 + Double(pause.count)) : 0)) }
        // Island k from its start to its end (frames): where the sound rises out of the pause
        // before it, where it has faded in the pause after it.
        let islandStarts = [start] + long.map { Double(recordingActivity.onset(after: $0)) }
        let islandEnds = long.map { Double(recordingActivity.decayEnd(of: $0)) } + [end]
        let totalReal = zip(islandStarts, islandEnds).map { max(1, $1 - $0) }.reduce(0, +)
        let overall = log(totalReal / syntheticLengths.reduce(0, +))

        // The matches stay within `band` islands of the diagonal (time and memory linear in the
        // words): a list whose islands drift further from its words is no list said item by item.
        let band = 50
        func window(_ w: Int) -> Range<Int> {
            let center = w * islands / words
            return max(0, center - band)..<(min(islands, center + band) + 1)
        }
        // What the words sound like on the islands they are given (see ``WordAcoustics``), within
        // `islandSoundReach` islands of where the first alignment (lengths alone, at the overall
        // pace) put them.
        let hearing = settings.islandSoundWeight > 0 && syntheticSpans.count == words ? acoustics : nil
        // heard[(w * 2 + dw - 1) * islands + k]: the sound of words w..<w+dw from island k's start to
        // the end of island k, k + 1, ... (one warping for all; two words share one island only).
        var heard: [Int: [Double?]] = [:]
        func sound(_ w: Int, _ dw: Int, _ k: Int, _ dk: Int) -> Double {
            guard let hearing else { return 0 }
            let key = (w * 2 + dw - 1) * islands + k
            if heard[key] == nil {
                let spoken = (k..<min(islands, k + (dw == 1 ? (weighted ? widest : 2) : 1))).map { n in
                    Int(islandStarts[n].rounded())..<max(Int(islandStarts[n].rounded()), Int(islandEnds[n].rounded()))
                }
                let spans = (w..<(w + dw)).map { syntheticSpans[$0].start..<max(syntheticSpans[$0].start, syntheticSpans[$0].end) }
                heard[key] = hearing.costs(synthetic: spans, islands: spoken)
            }
            guard let costs = heard[key], dk - 1 < costs.count else { return 0 }
            // Nothing to hear there (an island with no frame of speech): the mean of what the same
            // words sound like on the other ends, so that it is neither cheap nor dear; nothing to
            // hear anywhere (a word without synthetic frames): the same for every place, 0.
            let known = costs.compactMap { $0 }
            let value = costs[dk - 1] ?? (known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count))
            return settings.islandSoundWeight * Double(dw) * value
        }
        // cost[w][k - window(w).lowerBound]: the least cost of matching the first w words to the
        // first k islands; bead: the (words, islands) of its last match.
        // With `near` (where the first alignment put each word boundary), their sound counts too.
        func align(paces: [Double], near: [Int]? = nil) -> [(words: Int, islands: Int)]? {
            var windows = (0...words).map(window)
            if let near, hearing != nil {
                let reach = settings.islandSoundReach
                windows = windows.indices.map { w in
                    let narrow = max(0, near[w] - reach)..<(min(islands, near[w] + reach) + 1)
                    let lower = max(windows[w].lowerBound, narrow.lowerBound)
                    return lower..<max(lower, min(windows[w].upperBound, narrow.upperBound))
                }
            }
            let expectedLengths = syntheticLengths.indices.map { syntheticLengths[$0] * exp(paces[$0]) }
            let matchKinds = weighted ? [(1, 1), (2, 1)] + (2...widest).map { (1, $0) } : [(1, 1), (2, 1), (1, 2)]
            var cost = windows.map { [Double](repeating: .infinity, count: $0.count) }
            var bead = windows.map { [(Int, Int)](repeating: (0, 0), count: $0.count) }
            cost[0][0] = 0
            for w in 0..<words {
                for k in windows[w] where cost[w][k - windows[w].lowerBound] < .infinity {
                    let here = cost[w][k - windows[w].lowerBound]
                    for (dw, dk) in matchKinds where w + dw <= words && windows[w + dw].contains(k + dk) {
                        let real = max(1, islandEnds[k + dk - 1] - islandStarts[k])
                        let expected = dw == 1 ? expectedLengths[w] : expectedLengths[w] + expectedLengths[w + 1]
                        let mismatch = log2(real / expected)
                        let prior = dw == 1 && dk == 1 ? 0 : weighted && dw == 1 ? inside[k + dk - 1] - inside[k] : log(10)
                        let next = here + mismatch * mismatch + prior + (near == nil ? 0 : sound(w, dw, k, dk))
                        let cell = k + dk - windows[w + dw].lowerBound
                        if next < cost[w + dw][cell] {
                            cost[w + dw][cell] = next
                            bead[w + dw][cell] = (dw, dk)
                        }
                    }
                }
            }
            guard windows[words].contains(islands), cost[words][islands - windows[words].lowerBound] < .infinity else { return nil }
            var result: [(words: Int, islands: Int)] = []
            var w = words, k = islands
            while w > 0 {
                let (dw, dk) = bead[w][k - windows[w].lowerBound]
                result.append((dw, dk))
                w -= dw
                k -= dk
            }
            return result.reversed()
        }
        guard let first = align(paces: [Double](repeating: overall, count: words)) else { return nil }
        // The paces of the one-to-one matches, by kind.
        var oneToOne = [Double?](repeating: nil, count: words)
        var w = 0, k = 0
        for bead in first {
            if bead.words == 1 && (bead.islands == 1 || weighted) {
                oneToOne[w] = log(max(1, islandEnds[k + bead.islands - 1] - islandStarts[k]) / syntheticLengths[w])
            }
            w += bead.words
            k += bead.islands
        }
        var paces = [Double](repeating: overall, count: words)
        for final in [false, true] {
            let kind = oneToOne.indices.filter { phraseFinal[$0] == final }.compactMap { oneToOne[$0] }.sorted()
            if !kind.isEmpty { for i in paces.indices where phraseFinal[i] == final { paces[i] = kind[kind.count / 2] } }
        }
        // Where the first alignment put each word boundary: the island before it.
        var firstIslands = [0], consumed = 0
        for bead in first {
            consumed += bead.islands
            for _ in 0..<bead.words { firstIslands.append(consumed) }
        }
        // (The first alignment's own path lies inside the narrowed windows, so they always hold one.)
        guard let beads = align(paces: paces, near: hearing == nil ? nil : firstIslands) else { return nil }

        var junctions: [Junction] = [], junctionPauses: [Range<Int>?] = []
        w = 0
        k = 0
        let reach = Double(settings.wordReachAfterMs) / 10
        for bead in beads {
            if bead.words == 2 {
                let placed = current[w]
                if settings.countedKeepsInsideJunction && placed.support >= 0.5 && placed.start > islandStarts[k] && placed.start < islandEnds[k] {
                    // Inside the island already, at a pause or dip the recording has there: the
                    // lengths say which island, not where in it.
                    junctions.append(placed)
                    junctionPauses.append(nil)
                } else {
                    // Inside one island: where the two words' expected lengths split it.
                    let a = syntheticLengths[w] * exp(paces[w]), b = syntheticLengths[w + 1] * exp(paces[w + 1])
                    let split = islandStarts[k] + (islandEnds[k] - islandStarts[k]) * a / (a + b)
                    let inside = pauses.filter { Double($0.lowerBound) > islandStarts[k] && Double($0.upperBound) < islandEnds[k] }
                    junctions += resolveJunctions(ends: [split], starts: [split], pauses: inside, reachBefore: Double(settings.wordReachBeforeMs) / 10,
                                                  reachAfter: reach, margin: margin)
                    junctionPauses.append(nil)
                }
            }
            w += bead.words
            k += bead.islands
            guard w < words else { break }
            // Between this island and the next: the long pause.
            let pause = long[k - 1]
            let lower = Double(recordingActivity.decayEnd(of: pause)), upper = Double(recordingActivity.onset(after: pause))
            let junctionStart = max(lower, upper - margin)
            // As sure as a pause the path found, less the further the path's junction is from it.
            let path = current[w - 1]
            let low = min(path.end, path.start), high = max(path.end, path.start)
            let distance = upper < low ? low - upper : lower > high ? lower - high : 0
            junctions.append(Junction(end: min(junctionStart, lower + margin), start: junctionStart,
                                      support: 0.6 + 0.4 * max(0, 1 - distance / max(1, reach))))
            junctionPauses.append(pause)
        }
        let matches = beads.enumerated().flatMap { n, bead in [Int](repeating: n, count: bead.words) }
        return junctions.count == current.count && junctionPauses.count == current.count ? (junctions, matches, junctionPauses) : nil
    }

    /// Per value, the median of the values of its kind (the phrases' last words, the others).
    static func classMedians(_ values: [Double], phraseFinal: [Bool]) -> [Double] {
        var medians: [Bool: Double] = [:]
        for final in [false, true] {
            let kind = values.indices.filter { phraseFinal[$0] == final }.map { values[$0] }.sorted()
            if !kind.isEmpty { medians[final] = kind[kind.count / 2] }
        }
        return values.indices.map { medians[phraseFinal[$0]] ?? values[$0] }
    }
}
