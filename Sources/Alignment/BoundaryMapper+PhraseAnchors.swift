import Foundation

extension BoundaryMapper {
    /// A phrase junction held at a long pause of the recording for a second warping (see
    /// ``SynthesisDTWAligner/Settings/phraseAnchors``).
    struct PhraseAnchor: Equatable {
        /// The recording's pause (frames) between the two phrases.
        var pause: Range<Int>
        /// The synthetic speech from the first phrase's last speech frame to the next one's first.
        var synthetic: Range<Int>
    }

    /// The phrase junctions of `aligned` (this mapping's result for `phrases`) as the recording's
    /// long pauses count them: the phrases given to the islands of speech between the pauses of
    /// ``SynthesisDTWAligner/Settings/wordRivalLongestPauseMs`` or more by their lengths
    /// (``steadyCountedIslands(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``,
    /// phrases for words, one pace for all). A counted junction between two islands is an anchor
    /// where `aligned` has its junction at the same pause, or at no pause at all (a junction
    /// inside an island, two phrases run together, is left to the warping; so is one where
    /// `aligned` took another pause, however short: the path and the count disagree there, and in
    /// speech joined tightly the short pause is the right one). nil unless some anchor lies beyond
    /// a junction's reach (``SynthesisDTWAligner/Settings/phraseReachAfterMs``) from where
    /// `aligned` has its junction, on no pause: then the path, not the junction rules, went wrong.
    ///
    /// Told phrases with their natural pauses between them can still be warped a phrase off over
    /// a few phrases (reverberant lines whose tails the synthetic pauses matched, a line whose
    /// own pause is as long as the gaps): the junctions there sit on no long pause, with the long
    /// pauses unclaimed a second away, further than any junction rule reaches.
    func phraseAnchors(_ aligned: [AlignedPhrase], phrases: [[String]], speech: SynthesizedSpeech) -> [PhraseAnchor]? {
        let spoken = phrases.indices.filter { p in phrases[p].contains(where: AlignmentText.isSpeakable) }
        guard aligned.count == phrases.count, spoken.count > 2, let first = spoken.first, let last = spoken.last else { return nil }
        let synthetic = syntheticSpans(phrases, speech: speech)
        let long = recordingActivity.pauses(minimumFrames: max(1, settings.wordRivalLongestPauseMs / 10))
        let frames = { (milliseconds: Int) in Double(milliseconds) / 10 }
        let current = zip(spoken, spoken.dropFirst()).map { a, b in
            Junction(end: frames(aligned[a].endMs), start: frames(aligned[b].startMs), support: 0)
        }
        let lengths = spoken.map { Double(max(1, synthetic[$0].phrase.end - synthetic[$0].phrase.start)) }
        guard let counted = steadyCountedIslands(current, from: frames(aligned[first].startMs), to: frames(aligned[last].endMs),
                                                 syntheticLengths: lengths, phraseFinal: [Bool](repeating: true, count: lengths.count),
                                                 pauses: long, margin: Double(settings.edgeMarginMs) / 10) else { return nil }
        let reach = Double(settings.phraseReachAfterMs) / 10
        // How far a time lies from a pause (frames; 0 inside it).
        func distance(_ time: Double, _ pause: Range<Int>) -> Double {
            max(0, Double(pause.lowerBound) - time, time - Double(pause.upperBound))
        }
        // Every pause a junction may take.
        let any = recordingActivity.pauses(minimumFrames: max(1, settings.shortestPauseMs / 10))
        let margin = Double(settings.edgeMarginMs) / 10
        // Per junction: the long pause the count gives it (nil: inside an island), and where
        // `aligned` has it: at that pause, at another long one, at a shorter one, or at none.
        enum Placed { case same, long, short, none }
        let pauses = counted.map { junction in long.first { distance(junction.start, $0) == 0 } }
        let placed = counted.indices.map { n -> Placed in
            let time = (current[n].end + current[n].start) / 2
            guard let taken = any.first(where: { distance(time, $0) <= margin }) else { return .none }
            if let pause = pauses[n], taken.overlaps(pause) { return .same }
            return long.contains { taken.overlaps($0) } ? .long : .short
        }
        var anchors: [PhraseAnchor] = [], slipped = false
        var n = 0
        while n < counted.count {
            // A run of junctions where the count and `aligned` differ: the count is believed
            // where `aligned` found no pause at least as often as it found a long one there (the
            // path lost its way); otherwise the count is what slipped (a phrase's length misread).
            var end = n
            while end < counted.count && placed[end] != .same { end += 1 }
            let run = n..<max(n + 1, end)
            let believed = placed[n] == .same
                || run.filter { placed[$0] == .none }.count >= run.filter { placed[$0] == .long }.count
            for k in run {
                guard believed, let pause = pauses[k] else { continue }
                let time = (current[k].end + current[k].start) / 2
                if placed[k] == .none && distance(time, pause) > reach { slipped = true }
                anchors.append(PhraseAnchor(pause: pause, synthetic: synthetic[spoken[k]].phrase.end..<max(synthetic[spoken[k]].phrase.end,
                                                                                                     synthetic[spoken[k + 1]].phrase.start)))
            }
            n = run.upperBound
        }
        return slipped ? anchors : nil
    }
}
