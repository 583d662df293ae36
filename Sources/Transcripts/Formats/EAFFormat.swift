import Foundation

/// ELAN annotation documents (EAF 3.0), the format of field linguists.
///
/// Writing: a `TIME_ORDER` of time slots in milliseconds, a `phrases` tier of aligned annotations
/// (one per segment) and a `words` tier, child of `phrases` with the `Included_In` constraint, of
/// aligned annotations with their own time slots (one per timed word): ELAN shows the words under
/// their phrase, and pympi reads both tiers' times.
///
/// Reading: the phrase tier is the tier named `phrases` (or `phrase`, `segments`, `sentences`,
/// `utterances`, `transcription`…), else the first top-level tier with aligned annotations; the word
/// tier is the one named `words` (or `word`, `mots`, `tokens`), else a child of the phrase tier with
/// aligned annotations. Files written by ELAN or pympi are read; other tiers are ignored. An
/// annotation whose time slots have no time gives an untimed segment or word.
public struct EAFFormat: Sendable {
    /// The language given to imported transcripts.
    public var language: String
    /// The kind given to imported transcripts.
    public var kind: TranscriptKind
    /// The `DATE` written in exported documents.
    public var date: Date
    /// The `MEDIA_URL` of the exported document's media descriptor, so ELAN finds the recording.
    public var mediaURL: String?
    /// Finds the words of imported phrases.
    public var tokenizer: Tokenizer

    public init(language: String = "und", kind: TranscriptKind = .transcription, date: Date = Date(), mediaURL: String? = nil,
                tokenizer: Tokenizer = Tokenizer()) {
        self.language = language
        self.kind = kind
        self.date = date
        self.mediaURL = mediaURL
        self.tokenizer = tokenizer
    }

    static let phraseTierNames = TextGridFormat.phraseTierNames
    static let wordTierNames = TextGridFormat.wordTierNames

    /// The transcript as an EAF 3.0 document.
    ///
    /// - Throws: ``TranscriptRenderError`` when a segment is untimed or the timings are inconsistent.
    public func render(_ transcript: Transcript) throws(TranscriptRenderError) -> String {
        try transcript.checkRenderable()
        // Time slots listed in time order, as ELAN writes them.
        var times: [Int] = []
        for segment in transcript.segments {
            times += [segment.startMs!]
            times += segment.words.filter(\.isTimed).flatMap { [$0.startMs!, $0.endMs!] }
            times += [segment.endMs!]
        }
        let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        var slotID = Array(repeating: "", count: times.count)
        for (rank, index) in order.enumerated() { slotID[index] = "ts\(rank + 1)" }

        var phrases = "", words = ""
        var slot = 0, annotation = 0
        for segment in transcript.segments {
            let (start, end) = (slot, slot + 2 * segment.words.filter(\.isTimed).count + 1)
            annotation += 1
            phrases += Self.annotation("a\(annotation)", slotID[start], slotID[end], AnnotationTiers.oneLine(segment.text))
            slot += 1
            for word in segment.words where word.isTimed {
                annotation += 1
                words += Self.annotation("a\(annotation)", slotID[slot], slotID[slot + 1], word.text)
                slot += 2
            }
            slot += 1
        }
        let media = mediaURL.map { "        <MEDIA_DESCRIPTOR MEDIA_URL=\"\(Self.escape($0))\" MIME_TYPE=\"audio/ogg\"/>\n" } ?? ""
        let slots = order.map { "        <TIME_SLOT TIME_SLOT_ID=\"\(slotID[$0])\" TIME_VALUE=\"\(times[$0])\"/>\n" }.joined()
        let formatter = ISO8601DateFormatter()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="Parlons" DATE="\(formatter.string(from: date))" FORMAT="3.0" VERSION="3.0" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
                <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
            \(media)        <PROPERTY NAME="lastUsedAnnotationId">\(annotation)</PROPERTY>
                </HEADER>
                <TIME_ORDER>
            \(slots)    </TIME_ORDER>
                <TIER LINGUISTIC_TYPE_REF="phrase" TIER_ID="phrases">
            \(phrases)    </TIER>
                <TIER LINGUISTIC_TYPE_REF="word" PARENT_REF="phrases" TIER_ID="words">
            \(words)    </TIER>
                <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="phrase" TIME_ALIGNABLE="true"/>
                <LINGUISTIC_TYPE CONSTRAINTS="Included_In" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="word" TIME_ALIGNABLE="true"/>
                <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation's time interval, no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>
                <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>
                <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
                <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation's time interval, gaps are allowed" STEREOTYPE="Included_In"/>
            </ANNOTATION_DOCUMENT>

            """
    }

    private static func annotation(_ id: String, _ slot1: String, _ slot2: String, _ value: String) -> String {
        """
                <ANNOTATION>
                    <ALIGNABLE_ANNOTATION ANNOTATION_ID="\(id)" TIME_SLOT_REF1="\(slot1)" TIME_SLOT_REF2="\(slot2)">
                        <ANNOTATION_VALUE>\(escape(value))</ANNOTATION_VALUE>
                    </ALIGNABLE_ANNOTATION>
                </ANNOTATION>

        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 cannot hold most control characters at all.
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Reads an EAF document.
    ///
    /// - Throws: ``TranscriptParseError`` with the line of the first problem.
    public func parse(_ text: String) throws(TranscriptParseError) -> Transcript {
        try ImportLimits.checkSize(text)
        let document = try EAFDocument(text)
        guard !document.tiers.isEmpty else {
            throw TranscriptParseError(line: document.rootLine, "the document has no tiers")
        }
        let named = { (names: Set<String>) in document.tiers.firstIndex { names.contains($0.id.lowercased().trimmingWhitespace()) } }
        let aligned = { (tier: EAFDocument.Tier) in tier.annotations.contains { $0.isAligned } }
        let phraseTier = named(Self.phraseTierNames) ?? document.tiers.firstIndex { $0.parent == nil && aligned($0) }
        var wordTier = named(Self.wordTierNames)
        if wordTier == nil, let phraseTier {
            wordTier = document.tiers.firstIndex { $0.parent == document.tiers[phraseTier].id && aligned($0) }
        }
        if wordTier == phraseTier { wordTier = nil }
        let labels = { (index: Int) throws(TranscriptParseError) -> [TimedLabel] in
            var labels: [TimedLabel] = []
            for annotation in document.tiers[index].annotations where annotation.isAligned {
                labels.append(TimedLabel(text: annotation.value, startMs: try document.time(annotation.slot1!, line: annotation.line),
                                         endMs: try document.time(annotation.slot2!, line: annotation.line), line: annotation.line))
            }
            return labels
        }
        var phrases: [TimedLabel]?
        if let phraseTier { phrases = try labels(phraseTier) }
        var words: [TimedLabel]?
        if let wordTier { words = try labels(wordTier) }
        for case let label in (phrases ?? []) + (words ?? []) where (label.startMs == nil) != (label.endMs == nil) {
            throw TranscriptParseError(line: label.line, "the annotation \"\(label.text)\" has a time at one end only")
        }
        if phrases == nil && words == nil { return Transcript(language: language, kind: kind, segments: []) }
        return try AnnotationTiers(phrases: phrases, words: words).transcript(language: language, kind: kind, tokenizer: tokenizer)
    }
}
