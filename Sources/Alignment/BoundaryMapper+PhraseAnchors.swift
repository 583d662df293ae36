import Foundation

extension BoundaryMapper {
    /// A phrase junction held at a long pause of the recording for a second warping (see
    /// ``SynthesisDTWAligner/Settings/phraseAnchors``).
    struct PhraseAnchor: Equatable {
        /// The junction: after this phrase (an index of the transcript's phrases).
        var phrase: Int
        /// The recording's pause (frames) between the two phrases.
        var pause: Range<Int>
        /// The synthetic speech from the first phrase's last speech frame to the next one's first.
        var synthetic: Range<Int>
    }

    /// The phrase junctions of `aligned` (this mapping's result for `phrases`) as the recording's
    /// long pauses count them: the phrases given to the islands of speech between the pauses of
    /// ``SynthesisDTWAligner/Settings/wordRivalLongestPauseMs`` or more by their lengths
    /// (``steadyCountedIslands(_:from:to:syntheticLengths:phraseFinal:pauses:margin:syntheticSpans:)``,
    /// phrases for words, one pace for all; off with ``SynthesisDTWAligner/Settings/wordByWordPauseMs`` 0).
    /// In a run of consecutive junctions where the count and `aligned` differ, the count is
    /// believed when `aligned` has its junction at no pause at least as often as at another long
    /// pause (a path that lost its way sits on no pause; a count that slipped, a phrase's length
    /// misread, disagrees with junctions that sit on long pauses). The anchors: each counted
    /// junction between two islands that `aligned` has at the same pause, and in a believed run
    /// each one `aligned` has at no pause or at another long pause; never one `aligned` has at a
    /// shorter pause (in speech joined tightly that pause is the right one) or one inside an
    /// island (two phrases run together). nil unless some anchored junction of `aligned` lies at
    /// no pause, further from the pause counted for it than a phrase junction reaches after the
    /// path's point (``SynthesisDTWAligner/Settings/phraseReachAfterMs``, the pause's own length
    /// aside): then the path, not the junction rules, went wrong there.
    ///
    /// Told phrases with their natural pauses between them can still be warped a phrase off over
    /// a few phrases (reverberant lines whose tails the synthetic pauses matched, a line whose
    /// own pause is as long as the gaps): the junctions there sit on no pause, with the long
    /// pauses unclaimed a second away.
    func phraseAnchors(_ aligned: [AlignedPhrase], phrases: [[String]], speech: SynthesizedSpeech) -> [PhraseAnchor]? {
        let spoken = phrases.indices.filter { p in phrases[p].contains(where: AlignmentText.isSpeakable) }
        guard recordingActivity.isReliable, aligned.count == phrases.count, spoken.count > 2,
              let first = spoken.first, let last = spoken.last else { return nil }
        let synthetic = syntheticSpans(phrases, speech: speech)
        let long = recordingActivity.pauses(minimumFrames: max(1, settings.wordRivalLongestPauseMs / 10))
        let current = zip(spoken, spoken.dropFirst()).map { a, b in
            Junction(end: Self.frames(aligned[a].endMs), start: Self.frames(aligned[b].startMs), support: 0)
        }
        let lengths = spoken.map { Double(max(1, synthetic[$0].phrase.end - synthetic[$0].phrase.start)) }
        guard let counted = steadyCountedIslands(current, from: Self.frames(aligned[first].startMs), to: Self.frames(aligned[last].endMs),
                                                 syntheticLengths: lengths, phraseFinal: [Bool](repeating: true, count: lengths.count),
                                                 pauses: long, margin: Double(settings.edgeMarginMs) / 10) else { return nil }
        let reach = Double(settings.phraseReachAfterMs) / 10
        // Every pause a junction may take.
        let any = recordingActivity.pauses(minimumFrames: max(1, settings.shortestPauseMs / 10))
        let margin = Double(settings.edgeMarginMs) / 10
        // Per junction, where `aligned` has it: at the pause counted for it, at another long
        // one, at a shorter one, or at none.
        enum Placed { case same, long, short, none }
        let placed = current.indices.map { n -> Placed in
            guard let taken = any.first(where: { Self.distance(current[n].middle, $0) <= margin }) else { return .none }
            if let pause = counted.pauses[n], taken.overlaps(pause) { return .same }
            return long.contains { taken.overlaps($0) } ? .long : .short
        }
        var anchors: [PhraseAnchor] = [], slipped = false
        var n = 0
        while n < current.count {
            var end = n
            while end < current.count && placed[end] != .same { end += 1 }
            let run = n..<max(n + 1, end)
            let believed = placed[n] == .same
                || run.filter { placed[$0] == .none }.count >= run.filter { placed[$0] == .long }.count
            for k in run where believed && placed[k] != .short {
                guard let pause = counted.pauses[k] else { continue }
                if placed[k] == .none && Self.distance(current[k].middle, pause) > reach { slipped = true }
                let (a, b) = (spoken[k], spoken[k + 1])
                anchors.append(PhraseAnchor(phrase: a, pause: pause,
                                            synthetic: synthetic[a].phrase.end..<max(synthetic[a].phrase.end, synthetic[b].phrase.start)))
            }
            n = run.upperBound
        }
        return slipped ? anchors : nil
    }

    /// How many of `anchors` `aligned` has its junction at (the edge margin either side): what
    /// a second warping held at them must improve on to be kept.
    func junctionsHeld(_ anchors: [PhraseAnchor], in aligned: [AlignedPhrase], phrases: [[String]]) -> Int {
        let margin = Double(settings.edgeMarginMs) / 10
        return anchors.filter { anchor in
            guard let next = phrases.indices.first(where: { $0 > anchor.phrase && phrases[$0].contains(where: AlignmentText.isSpeakable) })
            else { return false }
            let junction = Junction(end: Self.frames(aligned[anchor.phrase].endMs), start: Self.frames(aligned[next].startMs), support: 0)
            return Self.distance(junction.middle, anchor.pause) <= margin
        }.count
    }

    /// Milliseconds as 10 ms frames.
    private static func frames(_ milliseconds: Int) -> Double { Double(milliseconds) / 10 }

    /// How far a time lies from a pause (frames; 0 inside it).
    private static func distance(_ time: Double, _ pause: Range<Int>) -> Double {
        max(0, Double(pause.lowerBound) - time, time - Double(pause.upperBound))
    }
}

private extension BoundaryMapper.Junction {
    /// The middle of the junction, between the first unit's end and the next one's start.
    var middle: Double { (end + start) / 2 }
}
