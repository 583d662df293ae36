/// Praat TextGrids: the annotation format of phoneticians and of forced aligners.
///
/// Writing: Praat's long text format, UTF-8, with two interval tiers, `phrases` (one interval per
/// segment) and `words` (one per timed word), each covering the whole grid with empty intervals in
/// the gaps, as Praat requires. Times are in seconds.
///
/// Reading: the long and the short text formats. The phrase tier is the interval tier named
/// `phrases` (or `phrase`, `segments`, `sentences`, `utterances`, `transcription`…), the word tier the
/// one named `words` (or `word`, `mots`, `tokens`); failing names, the first interval tier is the
/// phrases and a second one the words. A grid with only a word tier (a forced aligner's) gets
/// phrases cut at pauses of half a second or more. Point tiers are ignored.
public struct TextGridFormat: Sendable {
    /// The language given to imported transcripts (TextGrids do not say).
    public var language: String
    /// The kind given to imported transcripts.
    public var kind: TranscriptKind
    /// The recording's length, so that exported tiers cover all of it; without it they end with
    /// the last segment.
    public var recordingDurationMs: Int?
    /// Finds the words of imported phrases.
    public var tokenizer: Tokenizer

    public init(language: String = "und", kind: TranscriptKind = .transcription, recordingDurationMs: Int? = nil,
                tokenizer: Tokenizer = Tokenizer()) {
        self.language = language
        self.kind = kind
        self.recordingDurationMs = recordingDurationMs
        self.tokenizer = tokenizer
    }

    /// The most tiers a grid may declare.
    static let maxTiers = 1000
    static let phraseTierNames: Set<String> = ["phrases", "phrase", "segments", "segment", "sentences", "sentence",
                                               "utterances", "utterance", "transcription", "transcript", "text", "ortho"]
    static let wordTierNames: Set<String> = ["words", "word", "mots", "mot", "tokens", "token"]

    /// The transcript as a TextGrid in Praat's long text format.
    ///
    /// - Throws: ``TranscriptRenderError`` when a segment is untimed or the timings are inconsistent.
    public func render(_ transcript: Transcript) throws(TranscriptRenderError) -> String {
        try transcript.checkRenderable()
        let lastEnd = transcript.segments.last?.endMs ?? 0
        let end = max(lastEnd, recordingDurationMs ?? 0, 1)
        let phrases = transcript.segments.map { (start: $0.startMs!, end: $0.endMs!, text: AnnotationTiers.oneLine($0.text)) }
        let words = transcript.segments.flatMap(\.words).filter(\.isTimed).map { (start: $0.startMs!, end: $0.endMs!, text: $0.text) }
        var out = """
            File type = "ooTextFile"
            Object class = "TextGrid"

            xmin = 0 
            xmax = \(ClockTime.seconds(end)) 
            tiers? <exists> 
            size = 2 
            item []: 

            """
        for (number, (name, intervals)) in [("phrases", phrases), ("words", words)].enumerated() {
            let filled = Self.fill(intervals, end: end)
            out += """
                    item [\(number + 1)]:
                        class = "IntervalTier" 
                        name = "\(name)" 
                        xmin = 0 
                        xmax = \(ClockTime.seconds(end)) 
                        intervals: size = \(filled.count) 

                """
            for (i, interval) in filled.enumerated() {
                out += """
                            intervals [\(i + 1)]:
                                xmin = \(ClockTime.seconds(interval.start)) 
                                xmax = \(ClockTime.seconds(interval.end)) 
                                text = "\(interval.text.replacingAll("\"", with: "\"\""))" 

                    """
            }
        }
        return out
    }

    /// The intervals with empty ones in the gaps, from 0 to `end`.
    static func fill(_ intervals: [(start: Int, end: Int, text: String)], end: Int) -> [(start: Int, end: Int, text: String)] {
        var out: [(start: Int, end: Int, text: String)] = []
        var time = 0
        for interval in intervals {
            if interval.start > time { out.append((time, interval.start, "")) }
            out.append(interval)
            time = interval.end
        }
        if time < end { out.append((time, end, "")) }
        return out
    }

    /// Reads a TextGrid in Praat's long or short text format.
    ///
    /// - Throws: ``TranscriptParseError`` with the line of the first problem.
    public func parse(_ text: String) throws(TranscriptParseError) -> Transcript {
        try ImportLimits.checkSize(text)
        var scanner = PraatTextScanner(text)
        let (fileType, fileTypeLine) = try scanner.string("the file type")
        guard fileType == "ooTextFile" else {
            let binary = fileType == "ooBinaryFile"
            throw TranscriptParseError(line: fileTypeLine, binary ? "binary TextGrids are not read; save it as a text file in Praat"
                                                                  : "not a Praat text file (File type = \"ooTextFile\")")
        }
        let (objectClass, classLine) = try scanner.string("the object class")
        guard objectClass.hasPrefix("TextGrid") else {
            throw TranscriptParseError(line: classLine, "this Praat file holds a \(objectClass), not a TextGrid")
        }
        _ = try scanner.time("the grid's start")
        _ = try scanner.time("the grid's end")
        guard let (flag, flagLine) = try scanner.next() else { throw scanner.truncated("the tiers") }
        guard case .flag(let exists) = flag, exists == "exists" else {
            throw TranscriptParseError(line: flagLine, "the TextGrid has no tiers")
        }
        let tierCount = try scanner.count("the number of tiers", limit: Self.maxTiers)
        var tiers: [(name: String, intervals: [TimedLabel], line: Int)] = []
        var intervalCount = 0
        for _ in 0..<tierCount {
            let (tierClass, tierLine) = try scanner.string("a tier's class")
            let (name, _) = try scanner.string("a tier's name")
            _ = try scanner.time("the tier's start")
            _ = try scanner.time("the tier's end")
            let count = try scanner.count("the number of intervals", limit: ImportLimits.maxWords - intervalCount)
            intervalCount += count
            switch tierClass {
            case "IntervalTier":
                var intervals: [TimedLabel] = []
                var previousEnd = 0
                for _ in 0..<count {
                    let (start, line) = try scanner.time("an interval's start")
                    let (end, _) = try scanner.time("an interval's end")
                    let (label, _) = try scanner.string("an interval's text")
                    guard start >= previousEnd || label.trimmingWhitespace().isEmpty else {
                        throw TranscriptParseError(line: line, "the interval \"\(label)\" starts before the one before it ends")
                    }
                    previousEnd = max(previousEnd, end)
                    intervals.append(TimedLabel(text: label, startMs: start, endMs: end, line: line))
                }
                tiers.append((name, intervals, tierLine))
            case "TextTier":
                for _ in 0..<count {
                    _ = try scanner.time("a point's time")
                    _ = try scanner.string("a point's mark")
                }
            default:
                throw TranscriptParseError(line: tierLine, "unknown tier class \"\(tierClass)\"")
            }
        }
        guard !tiers.isEmpty else {
            throw TranscriptParseError(line: scanner.lastLine, "the TextGrid has no interval tier to read phrases or words from")
        }
        let named = { (names: Set<String>) in tiers.firstIndex { names.contains($0.name.lowercased().trimmingWhitespace()) } }
        var phraseTier = named(Self.phraseTierNames), wordTier = named(Self.wordTierNames)
        if phraseTier == nil && wordTier == nil {
            // No telling names: the first tier holds phrases, a second one words.
            phraseTier = 0
            wordTier = tiers.count > 1 ? 1 : nil
        }
        // A named word tier without a phrase tier is a forced aligner's grid (words, phones…).
        let tiersToRead = AnnotationTiers(phrases: phraseTier.map { tiers[$0].intervals }, words: wordTier.map { tiers[$0].intervals })
        return try tiersToRead.transcript(language: language, kind: kind, tokenizer: tokenizer)
    }
}

extension String {
    /// Every `target` replaced by `replacement` (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
