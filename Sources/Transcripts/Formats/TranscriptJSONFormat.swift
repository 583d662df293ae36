import Foundation

/// The API's own transcript JSON: exactly ``Transcript``'s `Codable` shape, keys sorted, times in
/// milliseconds.
///
/// ```json
/// {
///   "kind" : "transcription",
///   "language" : "fr",
///   "segments" : [
///     {
///       "endMs" : 1500, "origin" : "manual", "startMs" : 0, "text" : "Bonjour, l'école !",
///       "words" : [
///         {"endMs" : 600, "length" : 7, "offset" : 0, "origin" : "manual", "startMs" : 0, "text" : "Bonjour"},
///         {"endMs" : 1400, "length" : 7, "offset" : 9, "origin" : "manual", "startMs" : 600, "text" : "l'école"}
///       ]
///     }
///   ],
///   "text" : "Bonjour, l'école !"
/// }
/// ```
///
/// Reading is forgiving so that clients can send less: `language` and `kind` default to the
/// format's, `text` to the segments one per line, a segment's `words` to its text's words
/// (untimed), a word's `offset` and `length` to the word's next occurrence in the segment's text,
/// and `origin` to `import` when times are given. The result must pass
/// ``Transcript/validationProblems(recordingDurationMs:)``.
public struct TranscriptJSONFormat: Sendable {
    /// The language when the JSON has none.
    public var language: String
    /// The kind when the JSON has none.
    public var kind: TranscriptKind
    /// Finds the words of imported phrases.
    public var tokenizer: Tokenizer

    public init(language: String = "und", kind: TranscriptKind = .transcription, tokenizer: Tokenizer = Tokenizer()) {
        self.language = language
        self.kind = kind
        self.tokenizer = tokenizer
    }

    /// The transcript as pretty-printed JSON with sorted keys.
    public func render(_ transcript: Transcript) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and enums cannot fail.
        let data = (try? encoder.encode(transcript)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads transcript JSON.
    ///
    /// - Throws: ``TranscriptParseError`` with the line of the first problem.
    public func parse(_ text: String) throws(TranscriptParseError) -> Transcript {
        try ImportLimits.checkSize(text)
        if let failure = JSONSyntaxChecker.firstError(in: text) { throw TranscriptParseError(line: failure.line, "the JSON is not well-formed: \(failure.message)") }
        let input: Input
        do {
            input = try JSONDecoder().decode(Input.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw Self.describe(error, in: text)
        } catch {
            throw TranscriptParseError(line: 1, "unreadable JSON")
        }
        guard input.segments.count <= ImportLimits.maxSegments else {
            throw TranscriptParseError(line: 1, "more than \(ImportLimits.maxSegments) segments")
        }
        var segments: [TranscriptSegment] = []
        var wordCount = 0
        for (s, item) in input.segments.enumerated() {
            var segment: TranscriptSegment
            if let words = item.words {
                var searchFrom = 0
                var built: [TranscriptWord] = []
                let haystack = Array(item.text.utf16)
                for (w, word) in words.enumerated() {
                    let path = "segments[\(s)].words[\(w)]"
                    let offset: Int, length: Int
                    if let given = word.offset?.value {
                        offset = given
                        length = word.length?.value ?? word.text.utf16.count
                    } else {
                        guard let found = Self.find(word.text, in: haystack, from: searchFrom) else {
                            throw TranscriptParseError(line: JSONLineFinder.line(of: path, in: text), "\(path): \"\(word.text)\" is not in the segment's text")
                        }
                        (offset, length) = (found, word.text.utf16.count)
                    }
                    searchFrom = offset + length
                    built.append(TranscriptWord(text: word.text, offset: offset, length: length, startMs: word.startMs?.value, endMs: word.endMs?.value,
                                                origin: word.origin ?? (word.startMs == nil && word.endMs == nil ? nil : .import),
                                                confidence: word.confidence))
                }
                segment = TranscriptSegment(text: item.text, words: built)
            } else {
                segment = TranscriptSegment(text: item.text, tokenizer: tokenizer)
            }
            segment.startMs = item.startMs?.value
            segment.endMs = item.endMs?.value
            segment.origin = item.origin ?? (item.startMs == nil && item.endMs == nil ? nil : .import)
            segment.confidence = item.confidence
            wordCount += segment.words.count
            guard wordCount <= ImportLimits.maxWords else {
                throw TranscriptParseError(line: JSONLineFinder.line(of: "segments[\(s)]", in: text), "more than \(ImportLimits.maxWords) words")
            }
            segments.append(segment)
        }
        let transcript = Transcript(language: input.language ?? language, kind: input.kind ?? kind,
                                    text: input.text ?? segments.map(\.text).joined(separator: "\n"), segments: segments)
        if let problem = Self.firstProblem(of: transcript) {
            throw TranscriptParseError(line: JSONLineFinder.line(of: problem.path, in: text), problem.message)
        }
        return transcript
    }

    /// The first broken invariant with the JSON path of the segment or word it is about.
    private static func firstProblem(of transcript: Transcript) -> (path: String, message: String)? {
        guard let problem = transcript.locatedProblems().first else { return nil }
        let path = "segments[\(problem.segment)]" + (problem.word.map { ".words[\($0)]" } ?? "")
        return (path, problem.message)
    }

    private static func find(_ word: String, in haystack: [UInt16], from offset: Int) -> Int? {
        let needle = Array(word.utf16)
        guard !needle.isEmpty, haystack.count >= needle.count, offset <= haystack.count - needle.count else { return nil }
        return (offset...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private static func describe(_ error: DecodingError, in text: String) -> TranscriptParseError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("") { result, key in
                if let index = key.intValue { return result + "[\(index)]" }
                return result.isEmpty ? key.stringValue : result + "." + key.stringValue
            }
        }
        switch error {
        case .dataCorrupted(let context):
            let where_ = path(context.codingPath)
            if !where_.isEmpty {
                return TranscriptParseError(line: JSONLineFinder.line(of: where_, in: text), "\(where_): \(context.debugDescription)")
            }
            // The syntax error's line, when the decoder says it ("around line 3, column 7").
            let message = context.debugDescription + " " + ((context.underlyingError as NSError?)?.debugDescription ?? "")
            let line = message.firstMatch(of: /line (\d+)/).flatMap { Int($0.1) } ?? 1
            return TranscriptParseError(line: line, "the JSON is not well-formed")
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return TranscriptParseError(line: JSONLineFinder.line(of: parent, in: text),
                                        "\(parent.isEmpty ? "the transcript" : parent) lacks \"\(key.stringValue)\"")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let where_ = path(context.codingPath)
            return TranscriptParseError(line: JSONLineFinder.line(of: where_, in: text), "\(where_): wrong type of value")
        @unknown default:
            return TranscriptParseError(line: 1, "unreadable JSON")
        }
    }

    /// The forgiving input shape.
    private struct Input: Decodable {
        var language: String?
        var kind: TranscriptKind?
        var text: String?
        var segments: [Segment]

        struct Segment: Decodable {
            var text: String
            var startMs: Milliseconds?
            var endMs: Milliseconds?
            var origin: TimingOrigin?
            var confidence: Double?
            var words: [Word]?
        }

        struct Word: Decodable {
            var text: String
            var offset: Milliseconds?
            var length: Milliseconds?
            var startMs: Milliseconds?
            var endMs: Milliseconds?
            var origin: TimingOrigin?
            var confidence: Double?
        }

        /// A whole number from 0 to ``ImportLimits/maxMilliseconds`` (times, and offsets too).
        struct Milliseconds: Decodable {
            var value: Int
            init(from decoder: any Decoder) throws {
                let number = try decoder.singleValueContainer().decode(Double.self)
                guard number >= 0, number <= Double(ImportLimits.maxMilliseconds), number == number.rounded() else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                            debugDescription: "\(number) is not a whole number from 0 to \(ImportLimits.maxMilliseconds)"))
                }
                value = Int(number)
            }
        }
    }
}
