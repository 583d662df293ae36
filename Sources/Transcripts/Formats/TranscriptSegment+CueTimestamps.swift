extension TranscriptSegment {
    /// Times the words from a WebVTT cue's timestamps: the timestamps cut the cue into spans, and
    /// the words that start in a span share it by length (one word in a span gets it whole). A
    /// span too short to give each of its words a millisecond leaves them untimed.
    mutating func timeWords(at timestamps: [(offset: Int, ms: Int)]) {
        guard let start = startMs, let end = endMs else { return }
        let boundaries = [(offset: 0, ms: start)] + timestamps + [(offset: Int.max, ms: end)]
        var spans: [Int: [Int]] = [:]
        var span = 0
        for (w, word) in words.enumerated() {
            while span + 2 < boundaries.count && boundaries[span + 1].offset <= word.offset { span += 1 }
            spans[span, default: []].append(w)
        }
        for (span, members) in spans {
            let (a, b) = (boundaries[span].ms, boundaries[span + 1].ms)
            guard b - a >= members.count else { continue }
            let total = members.reduce(0) { $0 + words[$1].length }
            var done = 0
            for w in members {
                let wordStart = a + (b - a) * done / total
                done += words[w].length
                let wordEnd = a + (b - a) * done / total
                guard wordStart < wordEnd else { continue }
                words[w].setTiming(wordStart, wordEnd, origin: .import)
            }
        }
    }

    /// Ends the segment at `ms` (a following cue starts there), cutting or untiming its words.
    mutating func cut(at ms: Int) {
        endMs = ms
        for w in words.indices {
            guard let start = words[w].startMs, let end = words[w].endMs else { continue }
            if start >= ms {
                words[w].setTiming(nil, nil, origin: nil)
            } else if end > ms {
                words[w].setTiming(start, ms, origin: words[w].origin, confidence: words[w].confidence)
            }
        }
    }
}
