@testable import Transcripts

/// Transcripts the tests share.
enum Samples {
    /// French with elisions and both apostrophes, numbers, guillemets; Arabic; Russian.
    static let text = """
        Bonjour, je m'appelle Amina.
        J'habite à Lyon depuis 3 ans ; c'est « peut-être » l’endroit où j’apprends aujourd’hui !
        Le loyer coûte 1 200 euros, soit 3,5 fois plus qu'avant.
        مرحبا، كيف حالك؟
        Привет, как дела?
        """

    /// `text`, every word tapped (400 ms a word), then a few boundaries dragged so that there are
    /// pauses between words and segments.
    static func timed(language: String = "fr") throws -> Transcript {
        var transcript = Transcript(language: language, plainText: text)
        let taps = (0..<transcript.wordCount).map { 500 + $0 * 400 }
        try transcript.applyTaps(taps, recordingDurationMs: durationMs)
        // A pause inside the first segment and one between segments 2 and 3.
        try transcript.moveBoundary(.wordEnd(WordPosition(segment: 0, word: 0)), to: 700, recordingDurationMs: durationMs, alone: true)
        let start = transcript.segments[2].startMs!
        let lastWord = WordPosition(segment: 1, word: transcript.segments[1].words.count - 1)
        try transcript.moveBoundary(.wordEnd(lastWord), to: start - 150, recordingDurationMs: durationMs, alone: true)
        try transcript.moveBoundary(.segmentEnd(1), to: start - 100, recordingDurationMs: durationMs, alone: true)
        try transcript.validate(recordingDurationMs: durationMs)
        return transcript
    }

    static let durationMs = 60_000

    /// The transcript as an import gives it back: every time's origin `import`, no confidence.
    static func imported(_ transcript: Transcript) -> Transcript {
        var copy = transcript
        for s in copy.segments.indices {
            if copy.segments[s].isTimed { (copy.segments[s].origin, copy.segments[s].confidence) = (.import, nil) }
            for w in copy.segments[s].words.indices where copy.segments[s].words[w].isTimed {
                (copy.segments[s].words[w].origin, copy.segments[s].words[w].confidence) = (.import, nil)
            }
        }
        return copy
    }

    /// The transcript with its words' times taken away (what SRT keeps).
    static func withoutWordTimes(_ transcript: Transcript) -> Transcript {
        var copy = transcript
        for s in copy.segments.indices {
            for w in copy.segments[s].words.indices { copy.segments[s].words[w].setTiming(nil, nil, origin: nil) }
        }
        return copy
    }
}
