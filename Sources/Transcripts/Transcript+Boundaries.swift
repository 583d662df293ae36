extension Transcript {
    /// Moves one boundary to `ms` and returns where it went.
    ///
    /// Boundaries at the same instant are one line on the timeline: a word end shared with the next
    /// word's start, or a word start that is also its segment's start, move together, unless
    /// `alone` is true (to open a pause between two words, or pad a segment). The move is
    /// clamped so that nothing overlaps, every word and segment keeps at least 1 ms, words stay in
    /// their segments and nothing leaves `0...recordingDurationMs`. Everything moved becomes `manual`
    /// with no confidence.
    ///
    /// - Throws: ``TimingEditError`` when the word or segment does not exist or has no times yet, or
    ///   the transcript was inconsistent; nothing is changed then.
    @discardableResult
    public mutating func moveBoundary(_ boundary: TimingBoundary, to ms: Int, recordingDurationMs duration: Int,
                                      alone: Bool = false) throws(TimingEditError) -> Int {
        try checkEditable(recordingDurationMs: duration)
        switch boundary {
        case .wordStart(let position), .wordEnd(let position):
            guard segments.indices.contains(position.segment), segments[position.segment].words.indices.contains(position.word) else {
                throw .noSuchWord(position)
            }
        case .segmentStart(let s), .segmentEnd(let s):
            guard segments.indices.contains(s) else { throw .noSuchSegment(s) }
        }
        let chain = timeline()
        guard let target = chain.firstIndex(where: { $0.boundary == boundary }) else { throw .untimed(boundary) }
        let value = chain[target].ms
        var low = target, high = target
        while !alone && low > 0 && chain[low - 1].ms == value { low -= 1 }
        while !alone && high + 1 < chain.count && chain[high + 1].ms == value { high += 1 }
        let group = chain[low...high]

        var lower = 0, upper = duration
        for point in chain[..<low] {
            let strict = point.isStart && group.contains { $0.isEnd(of: point) }
            lower = max(lower, point.ms + (strict ? 1 : 0))
        }
        for point in chain[(high + 1)...] {
            let strict = point.isEnd && group.contains { point.isEnd(of: $0) }
            upper = min(upper, point.ms - (strict ? 1 : 0))
        }
        let moved = min(max(ms, lower), upper)
        guard moved != value else { return value }
        for point in group { set(point.boundary, to: moved) }
        return moved
    }

    private mutating func set(_ boundary: TimingBoundary, to ms: Int) {
        switch boundary {
        case .wordStart(let p): self[p].setTiming(ms, self[p].endMs, origin: .manual)
        case .wordEnd(let p): self[p].setTiming(self[p].startMs, ms, origin: .manual)
        case .segmentStart(let s): segments[s].setTiming(ms, segments[s].endMs, origin: .manual)
        case .segmentEnd(let s): segments[s].setTiming(segments[s].startMs, ms, origin: .manual)
        }
    }

    /// Every timed boundary in time order: segment start, its words' starts and ends, segment end.
    /// In a valid transcript the times never decrease along it.
    private func timeline() -> [TimelinePoint] {
        var chain: [TimelinePoint] = []
        for (s, segment) in segments.enumerated() {
            guard let start = segment.startMs, let end = segment.endMs else { continue }
            chain.append(TimelinePoint(boundary: .segmentStart(s), ms: start))
            for (w, word) in segment.words.enumerated() {
                guard let wordStart = word.startMs, let wordEnd = word.endMs else { continue }
                let position = WordPosition(segment: s, word: w)
                chain.append(TimelinePoint(boundary: .wordStart(position), ms: wordStart))
                chain.append(TimelinePoint(boundary: .wordEnd(position), ms: wordEnd))
            }
            chain.append(TimelinePoint(boundary: .segmentEnd(s), ms: end))
        }
        return chain
    }
}

/// A boundary and its time, as a step along the timeline.
private struct TimelinePoint {
    var boundary: TimingBoundary
    var ms: Int

    var isStart: Bool {
        switch boundary {
        case .wordStart, .segmentStart: true
        case .wordEnd, .segmentEnd: false
        }
    }

    var isEnd: Bool { !isStart }

    /// True when `self` is the end of the item whose start is `start`.
    func isEnd(of start: TimelinePoint) -> Bool {
        switch (start.boundary, boundary) {
        case (.wordStart(let a), .wordEnd(let b)): a == b
        case (.segmentStart(let a), .segmentEnd(let b)): a == b
        default: false
        }
    }
}
