/// Builds a transcript from a phrase tier and a word tier, as TextGrid and EAF files hold them.
struct AnnotationTiers {
    /// Phrases (nil when the file has only words). Empty labels are pauses and already dropped.
    var phrases: [TimedLabel]?
    /// Timed words, in any order (nil when the file has no word tier).
    var words: [TimedLabel]?

    /// With no phrase tier, a pause this long between words starts a new segment.
    static let pauseBetweenSegmentsMs = 500

    func transcript(language: String, kind: TranscriptKind, tokenizer: Tokenizer) throws(TranscriptParseError) -> Transcript {
        // Unaligned word annotations add nothing: the phrase's text already gives the words.
        var words = (words ?? []).filter { !$0.text.trimmingWhitespace().isEmpty && $0.startMs != nil && $0.endMs != nil }
        try Self.check(words, what: "word")
        words.sort { ($0.startMs ?? 0) < ($1.startMs ?? 0) }
        for (a, b) in zip(words, words.dropFirst()) where b.startMs! < a.endMs! {
            throw TranscriptParseError(line: b.line, "the word \"\(b.text)\" overlaps the one before it")
        }
        guard words.count <= ImportLimits.maxWords else {
            throw TranscriptParseError(line: words[ImportLimits.maxWords].line, "more than \(ImportLimits.maxWords) words")
        }
        var segments: [TranscriptSegment]
        var wordsBySegment: [[TimedLabel]]
        if let phrases {
            let phrases = phrases.filter { !$0.text.trimmingWhitespace().isEmpty }
            try Self.check(phrases, what: "phrase")
            let timed = phrases.filter { $0.startMs != nil }
            for (a, b) in zip(timed, timed.dropFirst()) where b.startMs! < a.endMs! {
                throw TranscriptParseError(line: b.line, "the phrase starting at \(ClockTime.seconds(b.startMs!)) s overlaps the one before it")
            }
            segments = phrases.map {
                TranscriptSegment(text: Self.oneLine($0.text), startMs: $0.startMs, endMs: $0.endMs, origin: .import, tokenizer: tokenizer)
            }
            wordsBySegment = Array(repeating: [], count: phrases.count)
            // Timed phrases are in time order (checked above): find each word's by halving.
            let timedIndices = phrases.indices.filter { phrases[$0].startMs != nil }
            for word in words {
                let middle = (word.startMs! + word.endMs!) / 2
                var low = 0, high = timedIndices.count
                while low < high {
                    let mid = (low + high) / 2
                    if phrases[timedIndices[mid]].endMs! <= middle { low = mid + 1 } else { high = mid }
                }
                let found = low < timedIndices.count && phrases[timedIndices[low]].startMs! <= middle ? timedIndices[low] : nil
                guard let s = found else {
                    throw TranscriptParseError(line: word.line, "the word \"\(word.text)\" at \(ClockTime.seconds(word.startMs!)) s lies outside every phrase")
                }
                wordsBySegment[s].append(word)
            }
        } else {
            // Words only (a forced aligner's output): phrases are the stretches between long pauses.
            wordsBySegment = []
            for word in words {
                if let last = wordsBySegment.last?.last, word.startMs! - last.endMs! < Self.pauseBetweenSegmentsMs {
                    wordsBySegment[wordsBySegment.count - 1].append(word)
                } else {
                    wordsBySegment.append([word])
                }
            }
            segments = wordsBySegment.map { group in
                TranscriptSegment(text: group.map { Self.oneLine($0.text) }.joined(separator: " "), startMs: group.first!.startMs,
                                  endMs: group.last!.endMs, origin: .import, tokenizer: tokenizer)
            }
        }
        guard segments.count <= ImportLimits.maxSegments else {
            throw TranscriptParseError(line: 1, "more than \(ImportLimits.maxSegments) phrases")
        }
        for s in segments.indices {
            segments[s].timeWords(from: wordsBySegment[s], tokenizer: tokenizer)
        }
        return Transcript(language: language, kind: kind, segments: segments)
    }

    /// Refuses labels whose times are reversed or empty.
    private static func check(_ labels: [TimedLabel], what: String) throws(TranscriptParseError) {
        for label in labels {
            guard let start = label.startMs, let end = label.endMs else { continue }
            guard start < end else {
                throw TranscriptParseError(line: label.line, "the \(what) \"\(label.text)\" ends (\(ClockTime.seconds(end)) s) before it starts (\(ClockTime.seconds(start)) s)")
            }
        }
    }

    /// Segments are shown on one line; a line break inside a label is a space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ").trimmingWhitespace()
    }
}
