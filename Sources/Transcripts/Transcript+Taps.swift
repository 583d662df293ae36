extension Transcript {
    /// Applies a trainer's taps while listening: `startsMs[i]` is when word `first + i` starts, in
    /// reading order across segments.
    ///
    /// Each tapped word ends where the next tapped word starts; the last one ends a typical word's
    /// length later (the median tapped length), but never after the next timed word or the
    /// recording's end. Words before the taps that ran past the first tap are cut there; timed words
    /// after the taps that started before the last tap are out of date and lose their times. Each
    /// segment with tapped words spans its timed words; neighbouring segments are trimmed so nothing
    /// overlaps. Everything touched becomes `manual` with no confidence.
    ///
    /// - Throws: ``TimingEditError`` when taps are out of order, outside `0..<recordingDurationMs`,
    ///   more than the words left, or the transcript was inconsistent; nothing is changed then.
    public mutating func applyTaps(_ startsMs: [Int], from first: WordPosition = WordPosition(segment: 0, word: 0),
                                   recordingDurationMs duration: Int) throws(TimingEditError) {
        try checkEditable(recordingDurationMs: duration)
        guard segments.indices.contains(first.segment), segments[first.segment].words.indices.contains(first.word) else {
            throw .noSuchWord(first)
        }
        guard !startsMs.isEmpty else { return }
        let positions = allWords.map(\.position)
        let firstIndex = positions.firstIndex(of: first)!
        guard startsMs.count <= positions.count - firstIndex else {
            throw .tooManyTaps(taps: startsMs.count, words: positions.count - firstIndex)
        }
        for (i, tap) in startsMs.enumerated() {
            guard tap >= 0 && tap < duration else { throw .tapOutOfRange(index: i, ms: tap) }
            if i > 0 && tap <= startsMs[i - 1] { throw .tapsOutOfOrder(index: i) }
        }
        let tapped = positions[firstIndex..<(firstIndex + startsMs.count)]
        let firstTap = startsMs.first!, lastTap = startsMs.last!

        // Words around the taps that the taps made stale.
        for position in positions[..<firstIndex] {
            guard let start = self[position].startMs, let end = self[position].endMs, end > firstTap else { continue }
            if start < firstTap {
                self[position].setTiming(start, firstTap, origin: .manual)
            } else {
                self[position].setTiming(nil, nil, origin: nil)
            }
        }
        for position in positions[(firstIndex + startsMs.count)...] {
            if let start = self[position].startMs, start <= lastTap { self[position].setTiming(nil, nil, origin: nil) }
        }

        let lastSegment = tapped.last!.segment
        let later = positions[(firstIndex + startsMs.count)...]
        let nextWordStart = later.first { self[$0].startMs != nil }.flatMap { self[$0].startMs }
        let nextSegmentStart = segments[(lastSegment + 1)...].lazy.compactMap(\.startMs).first { $0 > lastTap }
        let lengths = zip(startsMs, startsMs.dropFirst()).map { $1 - $0 }.sorted()
        let typical = lengths.isEmpty ? 600 : lengths[lengths.count / 2]
        let lastEnd = [lastTap + typical, nextWordStart ?? duration, nextSegmentStart ?? duration, duration].min()!
        for (i, position) in tapped.enumerated() {
            let end = i + 1 < startsMs.count ? startsMs[i + 1] : lastEnd
            self[position].setTiming(startsMs[i], end, origin: .manual)
        }
        reboundSegments(tapped.first!.segment...lastSegment)
    }

    /// Gives segments `range` the bounds of their timed words, then trims their neighbours.
    mutating func reboundSegments(_ range: ClosedRange<Int>) {
        for s in range {
            let timed = segments[s].words.filter(\.isTimed)
            if let first = timed.first, let last = timed.last {
                segments[s].setTiming(first.startMs, last.endMs, origin: .manual)
            } else {
                segments[s].setTiming(nil, nil, origin: nil)
            }
        }
        // Earlier segments must end before the first rebounded one starts.
        var limit = segments[range.lowerBound].startMs
        for s in stride(from: range.lowerBound - 1, through: 0, by: -1) {
            guard let bound = limit else { break }
            guard let start = segments[s].startMs, let end = segments[s].endMs else { continue }
            if end <= bound { break }
            if start < bound {
                segments[s].setTiming(start, bound, origin: .manual)
            } else {
                clearTimes(ofSegment: s)
            }
            limit = segments[s].startMs ?? bound
        }
        // Later segments must start after the last rebounded one ends.
        limit = segments[range.upperBound].endMs
        for s in (range.upperBound + 1)..<segments.count {
            guard let bound = limit else { break }
            guard let start = segments[s].startMs, let end = segments[s].endMs else { continue }
            if start >= bound { break }
            if end > bound {
                segments[s].setTiming(bound, end, origin: .manual)
            } else {
                clearTimes(ofSegment: s)
            }
            limit = segments[s].endMs ?? bound
        }
    }

    mutating func clearTimes(ofSegment s: Int) {
        segments[s].setTiming(nil, nil, origin: nil)
        for w in segments[s].words.indices { segments[s].words[w].setTiming(nil, nil, origin: nil) }
    }

    /// The word at `position` (which must exist).
    subscript(position: WordPosition) -> TranscriptWord {
        get { segments[position.segment].words[position.word] }
        set { segments[position.segment].words[position.word] = newValue }
    }

    func checkEditable(recordingDurationMs duration: Int) throws(TimingEditError) {
        guard duration > 0 else { throw .invalidRecordingDuration(duration) }
        if let problem = validationProblems(recordingDurationMs: duration).first { throw .invalidTranscript(problem) }
    }
}
