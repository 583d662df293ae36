import Transcripts

extension Transcript {
    /// True when a person set any of the times (taps or dragged boundaries): an automatic alignment
    /// must not replace those without being told to.
    public var hasManualTimings: Bool {
        segments.contains { $0.origin == .manual || $0.words.contains { $0.origin == .manual } }
    }

    /// What an aligner needs of the transcript: the words of each segment that has any, and the
    /// indices of those segments (segments without words, such as a lone dash, are not aligned).
    public var alignmentPhrases: (phrases: [[String]], segments: [Int]) {
        let spoken = segments.indices.filter { !segments[$0].words.isEmpty }
        return (spoken.map { segments[$0].words.map(\.text) }, spoken)
    }

    /// The transcript with the aligner's times: every aligned segment and word gets its start, end
    /// and confidence with origin `auto`; segments that were not aligned lose their times, except
    /// segments without words (punctuation alone), which take the pause beside their neighbour.
    ///
    /// - Parameters:
    ///   - result: the aligner's answer for ``alignmentPhrases``.
    ///   - recordingDurationMs: times are kept inside the recording.
    public func applyingAlignment(_ result: AlignmentResult, recordingDurationMs: Int) -> Transcript {
        var aligned = self
        let (_, indices) = alignmentPhrases
        for s in aligned.segments.indices {
            aligned.segments[s].setTiming(nil, nil, origin: nil)
            for w in aligned.segments[s].words.indices { aligned.segments[s].words[w].setTiming(nil, nil, origin: nil) }
        }
        for (phrase, s) in zip(result.phrases, indices) where phrase.words.count == aligned.segments[s].words.count {
            func clamp(_ ms: Int) -> Int { min(max(ms, 0), recordingDurationMs) }
            var segmentStart = clamp(phrase.startMs), segmentEnd = clamp(phrase.endMs)
            for (w, word) in phrase.words.enumerated() {
                let start = clamp(word.startMs), end = clamp(word.endMs)
                // A word with nothing to say keeps no time: a timed word needs start < end.
                guard start < end else { continue }
                aligned.segments[s].words[w].setTiming(start, end, origin: .auto, confidence: Self.rounded(word.confidence))
                segmentStart = min(segmentStart, start)
                segmentEnd = max(segmentEnd, end)
            }
            if segmentStart < segmentEnd {
                aligned.segments[s].setTiming(segmentStart, segmentEnd, origin: .auto, confidence: Self.rounded(phrase.confidence))
            }
        }
        aligned.timeSegmentsWithoutWords(recordingDurationMs: recordingDurationMs)
        return aligned
    }

    /// Gives each segment without words (punctuation alone, such as a leading "..." on its own
    /// line) the time beside the neighbour it joins: the pause before the next timed segment
    /// (after the previous one when it is the last), so that no phrase is left untimed. When the
    /// two touch, the neighbour gives up its first (last) millisecond.
    private mutating func timeSegmentsWithoutWords(recordingDurationMs: Int) {
        for s in segments.indices where segments[s].words.isEmpty && !segments[s].isTimed {
            let previous = segments[..<s].lastIndex(where: \.isTimed), next = segments[(s + 1)...].firstIndex(where: \.isTimed)
            var start = previous.flatMap { segments[$0].endMs } ?? 0
            var end = next.flatMap { segments[$0].startMs } ?? recordingDurationMs
            if end <= start, let n = next ?? previous, shrink(segment: n, atStart: n == next) {
                start = n == next ? end : start - 1
                end = start + 1
            }
            guard start < end, end <= recordingDurationMs, let neighbour = next ?? previous else { continue }
            segments[s].setTiming(start, end, origin: .auto, confidence: segments[neighbour].confidence)
        }
    }

    /// Takes a millisecond off the start (end) of timed segment `s` and of its words that start
    /// (end) there, when none of them becomes empty.
    private mutating func shrink(segment s: Int, atStart: Bool) -> Bool {
        guard let start = segments[s].startMs, let end = segments[s].endMs, end - start > 1 else { return false }
        let edge = atStart ? start : end
        let touching = segments[s].words.indices.filter { (atStart ? segments[s].words[$0].startMs : segments[s].words[$0].endMs) == edge }
        guard touching.allSatisfy({ (segments[s].words[$0].endMs ?? 0) - (segments[s].words[$0].startMs ?? 0) > 1 }) else { return false }
        let moved = atStart ? edge + 1 : edge - 1
        for w in touching {
            if atStart { segments[s].words[w].startMs = moved } else { segments[s].words[w].endMs = moved }
        }
        if atStart { segments[s].startMs = moved } else { segments[s].endMs = moved }
        return true
    }

    private static func rounded(_ confidence: Double) -> Double {
        (min(max(confidence, 0), 1) * 1_000).rounded() / 1_000
    }
}
