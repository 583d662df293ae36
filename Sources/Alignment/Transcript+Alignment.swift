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
    /// and confidence with origin `auto`; segments that were not aligned lose their times.
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
        return aligned
    }

    private static func rounded(_ confidence: Double) -> Double {
        (min(max(confidence, 0), 1) * 1_000).rounded() / 1_000
    }
}
