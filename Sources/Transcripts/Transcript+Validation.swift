extension Transcript {
    /// Everything that breaks the transcript's invariants, in plain words; empty when it is sound.
    ///
    /// The invariants: each word is the text at its `offset`/`length` in its segment, words in
    /// order without overlapping; a time pair is all-or-nothing with `0 ≤ start < end` (and
    /// `end ≤ recordingDurationMs` when given), an origin when timed and none otherwise, a
    /// confidence in 0…1 only for `auto` times; a timed word lies in its timed segment; timed
    /// words follow one another without overlapping, and so do timed segments.
    public func validationProblems(recordingDurationMs: Int? = nil) -> [String] {
        locatedProblems(recordingDurationMs: recordingDurationMs).map(\.message)
    }

    /// The broken invariants with the segment (and word, when it is about one) they are about.
    func locatedProblems(recordingDurationMs: Int? = nil) -> [(segment: Int, word: Int?, message: String)] {
        var located: [(segment: Int, word: Int?, message: String)] = []
        var previousSegmentEnd: Int?
        var previousWordEnd: Int?
        for (s, segment) in segments.enumerated() {
            var problems: [String] = []
            let name = "segment \(s + 1)"
            checkTiming(segment.startMs, segment.endMs, segment.origin, segment.confidence, name, recordingDurationMs, &problems)
            if let start = segment.startMs, let end = segment.endMs {
                if let previous = previousSegmentEnd, start < previous {
                    problems.append("\(name) starts at \(start) ms, before the previous segment ends (\(previous) ms)")
                }
                previousSegmentEnd = end
            }
            let utf16 = Array(segment.text.utf16)
            var textEnd = 0
            located += problems.map { (s, nil, $0) }
            for (w, word) in segment.words.enumerated() {
                problems = []
                defer { located += problems.map { (s, w, $0) } }
                let wordName = "word \(w + 1) of \(name)"
                if word.offset < textEnd || word.length <= 0 || word.offset + word.length > utf16.count {
                    problems.append("\(wordName) (\(word.text)) is not at a place of its own in the segment's text")
                } else if String(decoding: utf16[word.offset..<(word.offset + word.length)], as: UTF16.self) != word.text {
                    problems.append("\(wordName) (\(word.text)) does not match the segment's text at offset \(word.offset)")
                } else {
                    textEnd = word.offset + word.length
                }
                checkTiming(word.startMs, word.endMs, word.origin, word.confidence, wordName, recordingDurationMs, &problems)
                guard let start = word.startMs, let end = word.endMs else { continue }
                if let segmentStart = segment.startMs, let segmentEnd = segment.endMs {
                    if start < segmentStart || end > segmentEnd {
                        problems.append("\(wordName) (\(start)–\(end) ms) lies outside its segment (\(segmentStart)–\(segmentEnd) ms)")
                    }
                } else {
                    problems.append("\(wordName) is timed but its segment is not")
                }
                if let previous = previousWordEnd, start < previous {
                    problems.append("\(wordName) starts at \(start) ms, before the previous word ends (\(previous) ms)")
                }
                previousWordEnd = end
            }
        }
        return located
    }

    /// Throws the first broken invariant (see ``validationProblems(recordingDurationMs:)``).
    public func validate(recordingDurationMs: Int? = nil) throws(TranscriptValidationError) {
        let problems = validationProblems(recordingDurationMs: recordingDurationMs)
        if !problems.isEmpty { throw TranscriptValidationError(problems: problems) }
    }

    private func checkTiming(_ start: Int?, _ end: Int?, _ origin: TimingOrigin?, _ confidence: Double?, _ name: String,
                             _ duration: Int?, _ problems: inout [String]) {
        switch (start, end) {
        case (nil, nil):
            if origin != nil || confidence != nil { problems.append("\(name) has an origin or confidence but no times") }
        case (let start?, let end?):
            if start < 0 { problems.append("\(name) starts before 0 ms") }
            if end <= start { problems.append("\(name) ends (\(end) ms) before it starts (\(start) ms)") }
            if let duration, end > duration { problems.append("\(name) ends at \(end) ms, past the recording's end (\(duration) ms)") }
            if origin == nil { problems.append("\(name) is timed but has no origin") }
            if let confidence {
                if origin != .auto { problems.append("\(name) has a confidence but its times are not automatic") }
                if !(0...1).contains(confidence) { problems.append("\(name) has a confidence outside 0…1") }
            }
        default:
            problems.append("\(name) has a start without an end or an end without a start")
        }
    }
}
