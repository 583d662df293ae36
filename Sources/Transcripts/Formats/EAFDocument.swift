import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an EAF document holds that a transcript needs: time slots, and tiers of annotations.
struct EAFDocument {
    struct Annotation {
        var slot1: String?
        var slot2: String?
        var value = ""
        var line: Int
        var isAligned: Bool { slot1 != nil && slot2 != nil }
    }

    struct Tier {
        var id: String
        var parent: String?
        var annotations: [Annotation] = []
    }

    var slots: [String: Int?] = [:]
    var tiers: [Tier] = []
    /// The line of `<ANNOTATION_DOCUMENT>`.
    var rootLine = 1

    init(_ text: String) throws(TranscriptParseError) {
        try Self.refuseProcessingInstructions(text)
        let parser = XMLParser(data: Data(text.utf8))
        // An EAF file needs no DTD, and external entities could read the server's files.
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let reader = EAFReader()
        parser.delegate = reader
        let parsed = parser.parse()
        if let error = reader.error { throw error }
        guard parsed else {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw TranscriptParseError(line: max(parser.lineNumber, 1), Self.describe(code))
        }
        guard reader.rootLine != nil else { throw TranscriptParseError(line: 1, "not an ELAN document (no ANNOTATION_DOCUMENT)") }
        // Some XMLParser builds accept a document cut short; an unclosed root gives it away.
        guard reader.rootClosed else { throw TranscriptParseError(line: max(parser.lineNumber, 1), Self.describe(XMLParser.ErrorCode.prematureDocumentEndError.rawValue)) }
        slots = reader.slots
        tiers = reader.tiers
        rootLine = reader.rootLine!
    }

    /// FoundationXML crashes on a processing instruction without data (`<?m?>`: its callback reads
    /// the null pointer libxml2 passes for the data; found by Fuzz/run eaf). ELAN writes none but the
    /// XML declaration, so any other `<?` is refused before the parser sees the text; so is a
    /// declaration that is not closed before the next `<` (libxml2 reads on past the broken
    /// declaration, into the instruction it swallowed), and a `<!DOCTYPE`, whose entities could
    /// expand to an instruction (`<!ENTITY e "&#60;?m?>">`) or read the server's files. ELAN writes none.
    static func refuseProcessingInstructions(_ text: String) throws(TranscriptParseError) {
        var rest = Substring(text)
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        // The XML declaration (`<?xml version=…?>`, first in the file) is not a processing instruction.
        if let space = rest.dropFirst(5).first, rest.hasPrefix("<?xml"), space == " " || space == "\t" || space.isNewline {
            guard let end = rest.range(of: "?>"), !rest.dropFirst()[..<end.lowerBound].contains("<") else {
                throw TranscriptParseError(line: 1, "the XML declaration (<?xml …?>) is not closed")
            }
            rest = rest[end.upperBound...]
        }
        let line = { (found: Range<Substring.Index>) in 1 + text[..<found.lowerBound].reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
        if let found = rest.range(of: "<?") {
            throw TranscriptParseError(line: line(found), "processing instructions (<?…?>) have no place in an ELAN file")
        }
        if let found = rest.range(of: "<!DOCTYPE") {
            throw TranscriptParseError(line: line(found), "a document type declaration (<!DOCTYPE …>) has no place in an ELAN file")
        }
    }

    /// The time of slot `id`: nil when the slot is unaligned.
    func time(_ id: String, line: Int) throws(TranscriptParseError) -> Int? {
        guard let time = slots[id] else {
            throw TranscriptParseError(line: line, "the annotation refers to the time slot \"\(id)\", which TIME_ORDER does not have")
        }
        return time
    }

    private static func describe(_ code: Int) -> String {
        switch XMLParser.ErrorCode(rawValue: code) {
        case .prematureDocumentEndError?: "the XML ends too early (is the file cut short?)"
        case .tagNameMismatchError?: "the XML is broken: a closing tag does not match the open one"
        case .emptyDocumentError?: "the file is empty"
        default: "the XML is not well-formed (parser error \(code))"
        }
    }
}

/// Collects an EAF document's time slots and annotations as the XML streams by.
private final class EAFReader: NSObject, XMLParserDelegate {
    var slots: [String: Int?] = [:]
    var tiers: [EAFDocument.Tier] = []
    var error: TranscriptParseError?
    var rootLine: Int?
    var rootClosed = false
    private var sawRoot: Bool { rootLine != nil }
    private var annotation: EAFDocument.Annotation?
    private var inValue = false
    private var count = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let line = parser.lineNumber
        count += 1
        if count > 4 * (ImportLimits.maxWords + ImportLimits.maxSegments) {
            fail(parser, line, "the document has too many elements")
            return
        }
        switch name {
        case "ANNOTATION_DOCUMENT":
            rootLine = line
        case "HEADER":
            if let units = attributes["TIME_UNITS"], units != "milliseconds" {
                fail(parser, line, "time units \"\(units)\" are not read; ELAN uses milliseconds")
            }
        case "TIME_SLOT":
            guard sawRoot else { return fail(parser, line, "not an ELAN document (no ANNOTATION_DOCUMENT)") }
            guard let id = attributes["TIME_SLOT_ID"] else { return fail(parser, line, "a TIME_SLOT has no TIME_SLOT_ID") }
            guard let value = attributes["TIME_VALUE"] else { slots[id] = .some(nil); return }
            guard let ms = Int(value), ms >= 0, ms <= ImportLimits.maxMilliseconds else {
                return fail(parser, line, "the time slot \"\(id)\" has the time \"\(value.prefix(30))\", not a number of milliseconds from 0 to \(ImportLimits.maxMilliseconds)")
            }
            slots[id] = ms
        case "TIER":
            guard sawRoot else { return fail(parser, line, "not an ELAN document (no ANNOTATION_DOCUMENT)") }
            guard let id = attributes["TIER_ID"] else { return fail(parser, line, "a TIER has no TIER_ID") }
            tiers.append(EAFDocument.Tier(id: id, parent: attributes["PARENT_REF"]))
        case "ALIGNABLE_ANNOTATION":
            guard let ref1 = attributes["TIME_SLOT_REF1"], let ref2 = attributes["TIME_SLOT_REF2"] else {
                return fail(parser, line, "an ALIGNABLE_ANNOTATION lacks TIME_SLOT_REF1 or TIME_SLOT_REF2")
            }
            annotation = EAFDocument.Annotation(slot1: ref1, slot2: ref2, line: line)
        case "REF_ANNOTATION":
            annotation = EAFDocument.Annotation(line: line)
        case "ANNOTATION_VALUE":
            inValue = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "ANNOTATION_VALUE":
            inValue = false
        case "ANNOTATION_DOCUMENT":
            rootClosed = true
        case "ALIGNABLE_ANNOTATION", "REF_ANNOTATION":
            guard let annotation else { return }
            guard !tiers.isEmpty else { return fail(parser, annotation.line, "an annotation lies outside any TIER") }
            tiers[tiers.count - 1].annotations.append(annotation)
            self.annotation = nil
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { annotation?.value += string }
    }

    private func fail(_ parser: XMLParser, _ line: Int, _ message: String) {
        if error == nil { error = TranscriptParseError(line: line, message) }
        parser.abortParsing()
    }
}
