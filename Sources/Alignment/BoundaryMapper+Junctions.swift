import Foundation

extension BoundaryMapper {
    /// Where one junction goes, and how well the recording supports it (0…1).
    struct Junction {
        var end: Double
        var start: Double
        var support: Double
    }

    /// Where the boundaries between consecutive units go. Junction `k` lies between `ends[k]` (the
    /// mapped end of unit k) and `starts[k]` (the mapped start of unit k + 1).
    ///
    /// The warping path says roughly where each junction is; the recording's pauses say exactly
    /// where, when one is near. Pauses are given to junctions one to one and in order (dynamic
    /// programming). A pause within `reachBefore` frames plus its own length before the mapped
    /// junction, or `reachAfter` plus twice its length after it (further after than before: the
    /// path tends to end a unit early, a speaker drawing out its last sound), is worth its evidence — ``pauseEvidence(_:)``, how long
    /// and how deep it is — scaled down linearly with its distance to nothing at the end of the
    /// reach. A far pause must therefore be much longer and deeper than a near one to win: a
    /// phrase that runs into the next with 50 ms between them keeps that short pause rather than
    /// being pulled to a comma's pause a few hundred milliseconds away.
    ///
    /// A junction with a pause ends the first unit where its sound has died away in the pause
    /// (``SpeechActivity/decayEnd(of:)``) and starts the next `margin` frames before its sound
    /// rises out of the pause (``SpeechActivity/onset(after:)``). One without puts both at the
    /// quietest point of a dip in the level near the mapped start of the next unit
    /// (``dipJunction(near:dipReach:)``), or else at that mapped start itself (onsets are sharp, so
    /// the path places them well; ends trail off). `support` rates each junction: 0.6…1 with a
    /// pause (the closer to where the path put it, the higher), 0.5…0.7 with a dip, 0.45 with
    /// neither.
    ///
    /// `rivals`: other junctions that compete for the same pauses in the same assignment, and
    /// are then dropped (the words' junctions, when the phrases' are placed first; see
    /// ``Rivals``). `openings`: per junction, what opens the unit after it, for giving a word-final
    /// release back to its word (``keepingFinalRelease(_:candidates:taken:opening:)``); nil: not
    /// done.
    func resolveJunctions(ends: [Double], starts: [Double], pauses: [Range<Int>], reachBefore: Double, reachAfter: Double,
                          margin: Double, rivals: Rivals? = nil, openings: [Opening]? = nil) -> [Junction] {
        guard !ends.isEmpty else { return [] }
        // The junctions (with their index in `ends`) and their rivals, in order of where the path put them.
        var all = ends.indices.map { (end: ends[$0], start: starts[$0], before: reachBefore, after: reachAfter, isRival: false, index: $0) }
        if let rivals, !rivals.positions.isEmpty {
            all += rivals.positions.map { (end: $0.end, start: $0.start, before: rivals.reachBefore, after: rivals.reachAfter, isRival: true, index: -1) }
            all.sort { $0.end + $0.start < $1.end + $1.start }
        }
        let mergedEnds = all.map(\.end), mergedStarts = all.map(\.start), count = all.count
        let candidates = pauses.filter { $0.lowerBound > 0 && $0.upperBound < recordingFrames }
        let evidence = candidates.map(pauseEvidence)
        // closeness(j, p): 1 when pause p touches junction j's mapped interval, down to 0 at the
        // end of its reach; nil when out of reach.
        func closeness(_ j: Int, _ p: Int) -> Double? {
            let low = min(mergedEnds[j], mergedStarts[j]), high = max(mergedEnds[j], mergedStarts[j])
            let pause = candidates[p]
            let lower = Double(pause.lowerBound), upper = Double(pause.upperBound)
            // A long pause may lie further off: the longer the stretch the path had to bridge
            // (a pause, a reverberant tail before it), the further it may have strayed.
            let reach = (lower > high ? all[j].after : all[j].before) + Double(pause.count) * (lower > high ? 2 : 1)
            let distance = upper < low ? low - upper : lower > high ? lower - high : 0
            guard distance < reach else { return nil }
            return 1 - distance / max(1, reach)
        }
        func value(_ j: Int, _ p: Int) -> Double? {
            if all[j].isRival, let rivals {
                guard candidates[p].count < rivals.longestPause else { return nil }
                return closeness(j, p).map { $0 * evidence[p] * rivals.weight }
            }
            return closeness(j, p).map { $0 * evidence[p] }
        }
        // Junctions whose reaches share no pause are independent: the dynamic programming runs on
        // each group of overlapping ones with its pauses only. With the words' junctions as rivals
        // one group may span a whole recording (in speech that pauses every second or so); its
        // table then keeps a byte per cell (the moves) and two rows of values: about 20 MB for the
        // 5,000 words and 4,000 pauses of a 30-minute recording.
        let reachable: [Range<Int>] = (0..<count).map { j in
            let low = min(mergedEnds[j], mergedStarts[j]) - 2 * all[j].before, high = max(mergedEnds[j], mergedStarts[j]) + 3 * all[j].after
            let first = candidates.partitioningIndex { Double($0.upperBound) >= low }
            let last = candidates.partitioningIndex { Double($0.lowerBound) > high }
            return first..<max(first, last)
        }
        var assigned = [Int?](repeating: nil, count: count)
        // A group ends only where no later junction reaches back into its pauses: reaches differ
        // (a junction's interval, its rivals' shorter reach), so a later junction's first pause
        // may come before an earlier one's.
        var laterFirst = reachable.map(\.lowerBound)
        for j in stride(from: count - 2, through: 0, by: -1) { laterFirst[j] = min(laterFirst[j], laterFirst[j + 1]) }
        var groupStart = 0
        while groupStart < count {
            var groupEnd = groupStart + 1
            var pauseRange = reachable[groupStart]
            while groupEnd < count, laterFirst[groupEnd] < pauseRange.upperBound {
                pauseRange = min(pauseRange.lowerBound, reachable[groupEnd].lowerBound)..<max(pauseRange.upperBound, reachable[groupEnd].upperBound)
                groupEnd += 1
            }
            let junctionCount = groupEnd - groupStart, pauseCount = pauseRange.count
            if pauseCount > 0 {
                let width = pauseCount + 1
                // best over the first j junctions and first p pauses, rows j − 1 and j.
                var previous = [Double](repeating: 0, count: width), current = previous
                // 0: skip junction, 1: skip pause, 2: match; row-major, (junctionCount + 1) × width.
                var move = [UInt8](repeating: 0, count: (junctionCount + 1) * width)
                for p in 1..<width { move[p] = 1 }
                for j in 1...junctionCount {
                    current[0] = previous[0]
                    for p in 1..<width {
                        var bestValue = previous[p], bestMove: UInt8 = 0
                        if current[p - 1] > bestValue { bestValue = current[p - 1]; bestMove = 1 }
                        let pause = pauseRange.lowerBound + p - 1
                        if let v = value(groupStart + j - 1, pause), previous[p - 1] + v > bestValue {
                            bestValue = previous[p - 1] + v
                            bestMove = 2
                        }
                        current[p] = bestValue
                        move[j * width + p] = bestMove
                    }
                    swap(&previous, &current)
                }
                var j = junctionCount, p = pauseCount
                while j > 0 || p > 0 {
                    switch move[j * width + p] {
                    case 0: j -= 1
                    case 1: p -= 1
                    default:
                        assigned[groupStart + j - 1] = pauseRange.lowerBound + p - 1
                        j -= 1
                        p -= 1
                    }
                }
            }
            groupStart = groupEnd
        }
        // The pauses the junctions took (a rival's claim was only there to keep a junction off a
        // pause the path gave a word junction; the words are placed afterwards).
        let taken = Set((0..<count).filter { !all[$0].isRival }.compactMap { assigned[$0] })
        return (0..<count).filter { !all[$0].isRival }.map { k in
            if var index = assigned[k] {
                // A word-final stop's release between this pause and the next one goes with its word.
                if let openings, index + 1 < candidates.count, let next = value(k, index + 1), next > 0 {
                    index = keepingFinalRelease(index, candidates: candidates, taken: taken, opening: openings[all[k].index])
                }
                let pause = candidates[index]
                // The first unit keeps its sound until it has died away to the pause's background
                // level; the next starts a margin before its onset.
                let lower = Double(recordingActivity.decayEnd(of: pause)), upper = Double(recordingActivity.onset(after: pause))
                let start = max(lower, upper - margin)
                let support = 0.6 + 0.4 * (closeness(k, index) ?? 0)
                // The same margin after the faded sound as before the next onset.
                return Junction(end: min(start, lower + margin), start: start, support: support)
            }
            return dipJunction(near: mergedStarts[k]) ?? Junction(end: mergedStarts[k], start: mergedStarts[k], support: 0.45)
        }
    }

    /// Junctions that compete with the ones being placed for the recording's pauses, in
    /// ``resolveJunctions(ends:starts:pauses:reachBefore:reachAfter:margin:rivals:openings:)``, and are
    /// then dropped.
    struct Rivals {
        /// Where the path put each (recording frames).
        var positions: [(end: Double, start: Double)]
        /// How far (frames) a rival reaches for a pause before where the path put it, plus the
        /// pause's length.
        var reachBefore: Double
        /// How far (frames) a rival reaches for a pause after where the path put it, plus twice
        /// the pause's length.
        var reachAfter: Double
        /// What a rival's claim on a pause is worth against a junction's (its value times this).
        var weight: Double
        /// Pauses this long (frames) or longer are left to the junctions.
        var longestPause: Int
    }

    /// The junctions between the spoken words of each phrase, where the path put them, as rivals
    /// of the phrase junctions for the recording's pauses (see
    /// ``SynthesisDTWAligner/Settings/wordRivalWeight``); nil when off.
    func wordRivals(_ phrases: [[String]], synthetic: [(phrase: Span, words: [Span])]) -> Rivals? {
        guard settings.wordRivalWeight > 0 else { return nil }
        let positions = phrases.indices.flatMap { p -> [(end: Double, start: Double)] in
            let spoken = phrases[p].indices.filter { AlignmentText.isSpeakable(phrases[p][$0]) }
            return zip(spoken, spoken.dropFirst()).map { a, b in
                (end: map(synthetic[p].words[a].end, ending: true), start: map(synthetic[p].words[b].start))
            }
        }
        return Rivals(positions: positions, reachBefore: Double(settings.wordReachBeforeMs) / 10,
                      reachAfter: Double(settings.wordReachAfterMs) / 10, weight: settings.wordRivalWeight,
                      longestPause: max(1, settings.wordRivalLongestPauseMs / 10))
    }

    /// The junctions of words read one by one, when the recording says so itself: inside the
    /// phrase there are exactly as many pauses of `minimumFrames` or more as junctions, so each
    /// junction takes its pause, in order, wherever the path put it. A learner reading word by
    /// word, or a list said item by item, pauses between every word and nowhere else; the path,
    /// matching a synthetic voice that runs the words together, can slip by a word there and take
    /// each pause one word late. nil when the count differs (then the path decides, see
    /// ``resolveJunctions(ends:starts:pauses:reachBefore:reachAfter:margin:rivals:openings:)``).
    func wordByWordJunctions(ends: [Double], starts: [Double], pauses: [Range<Int>], minimumFrames: Int,
                             reach: Double, margin: Double) -> [Junction]? {
        let long = pauses.filter { $0.count >= minimumFrames && $0.lowerBound > 0 && $0.upperBound < recordingFrames }
        guard !ends.isEmpty, long.count == ends.count else { return nil }
        return long.enumerated().map { k, pause in
            let lower = Double(recordingActivity.decayEnd(of: pause)), upper = Double(recordingActivity.onset(after: pause))
            let start = max(lower, upper - margin)
            // As sure as a pause the path found, less the further the path strayed from it.
            let low = min(ends[k], starts[k]), high = max(ends[k], starts[k])
            let distance = upper < low ? low - upper : lower > high ? lower - high : 0
            return Junction(end: min(start, lower + margin), start: start, support: 0.6 + 0.4 * max(0, 1 - distance / max(1, reach)))
        }
    }

    /// Where two units that run into each other without a pause meet, from the speech itself:
    /// the quietest frame within `dipReach` frames of where the path put the junction, when the
    /// level dips there at least 6 dB under the louder frames on both sides within twice that
    /// (the closure or weak consonant between two words, the trough between two syllables).
    /// Support 0.5…0.7 with the dip's depth; nil when the level does not dip.
    func dipJunction(near position: Double, dipReach: Int = 5) -> Junction? {
        let energy = recordingActivity.energyDB, frames = energy.count
        let center = Int(position.rounded())
        guard frames > 4 * dipReach, center > 0, center < frames else { return nil }
        let window = max(1, center - dipReach)..<min(frames - 1, center + dipReach + 1)
        guard let dip = window.min(by: { energy[$0] < energy[$1] }) else { return nil }
        let before = energy[max(0, dip - 2 * dipReach)..<dip].max() ?? energy[dip]
        let after = energy[(dip + 1)..<min(frames, dip + 2 * dipReach + 1)].max() ?? energy[dip]
        let depth = min(before, after) - energy[dip]
        guard depth >= 6 else { return nil }
        // The boundary between the dip frame and the next: frames are 10 ms, centred half a hop in.
        let boundary = Double(dip) + 0.5
        return Junction(end: boundary, start: boundary, support: 0.5 + 0.2 * min(1, Double(depth - 6) / 14))
    }

    /// How strongly a pause says "a boundary is here": its depth (``SpeechActivity/depth(of:)``,
    /// so a weak fricative under the speech threshold counts little) times the log of its length
    /// (doubling a pause's length adds as much as the first two frames: a 300 ms pause is a surer
    /// boundary than a 30 ms one, but not ten times surer).
    func pauseEvidence(_ pause: Range<Int>) -> Double {
        recordingActivity.depth(of: pause) * log2(1 + Double(pause.count))
    }
}
