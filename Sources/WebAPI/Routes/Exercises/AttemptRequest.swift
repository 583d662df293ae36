import Exercises
import Foundation
import Services
import Storage
import Transcripts

/// The body of `POST /api/attempts`, checked field by field: each wrong field is a `422` that
/// names it (`answer.choices[1].word: …`). Its answer is read by ``AttemptService`` once the
/// exercise is known.
struct AttemptRequest: AttemptService.Answer {
    var kind: ExerciseKind
    var recordingId: String
    var language: String?
    var revision: Int?
    var segment: Int?
    var level: ExerciseLevel?
    var step: String
    var answer: [String: JSONValue]?

    /// Typed answers are phrases, not essays.
    static let maxTextLength = 2_000
    static let maxChoices = 200

    init(_ body: [String: JSONValue]) throws {
        guard let raw = body["kind"]?.string, let kind = ExerciseKind(rawValue: raw) else {
            throw APIError.invalidField("kind", "one of " + ExerciseKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.kind = kind
        guard let recording = body["recordingId"]?.string else { throw APIError.invalidField("recordingId", "the recording's id, a string") }
        recordingId = recording
        language = try Self.optional(body["language"], "language") { value in
            guard let text = value.string else { return nil }
            return try RecordingsController.languageTag(try FieldValidation.language(text, field: "language"))
        }
        revision = try Self.optional(body["revision"], "revision", "a whole number from 1") { value in value.int.flatMap { $0 >= 1 ? $0 : nil } }
        segment = try Self.optional(body["segment"], "segment", "a whole number from 0") { value in value.int.flatMap { $0 >= 0 ? $0 : nil } }
        level = try Self.optional(body["level"], "level", "a whole number from 1 to 3") { value in value.int.flatMap(ExerciseLevel.init) }
        step = try ExerciseAddress.step(try Self.optional(body["step"], "step", "a string") { $0.string }, field: "step")
        if let answer = body["answer"], !answer.isNull {
            guard let object = answer.object else { throw APIError.invalidField("answer", "an object") }
            self.answer = object
        }
    }

    /// A field that may be absent or null; present, it must read as `read` says.
    static func optional<T>(_ value: JSONValue?, _ field: String, _ expected: String = "", _ read: (JSONValue) throws -> T?) throws -> T? {
        guard let value, !value.isNull else { return nil }
        guard let result = try read(value) else { throw APIError.invalidField(field, expected.isEmpty ? "not valid" : expected) }
        return result
    }

    /// `answer.text` of a dictation.
    func text() throws -> String {
        guard let value = answer?["text"], let text = value.string else { throw APIError.invalidField("answer.text", "the typed answer, a string") }
        guard text.count <= Self.maxTextLength else {
            throw APIError.invalidField("answer.text", "longer than \(Self.maxTextLength) characters: a dictation is one phrase")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) else {
            throw APIError.invalidField("answer.text", "contains control characters")
        }
        return text
    }

    /// `answer.choices` of a gap-fill, checked against the segment's word count.
    func choices(wordCount: Int, segment: Int) throws -> [GapChoice] {
        guard let list = answer?["choices"]?.array, !list.isEmpty else {
            throw APIError.invalidField("answer.choices", "a list of {\"word\": index, \"text\": tile}, one per gap")
        }
        guard list.count <= Self.maxChoices else { throw APIError.invalidField("answer.choices", "at most \(Self.maxChoices)") }
        var seen = Set<Int>()
        return try list.enumerated().map { index, item in
            let field = "answer.choices[\(index)]"
            guard let object = item.object else { throw APIError.invalidField(field, "an object {\"word\": index, \"text\": tile}") }
            guard let word = object["word"]?.int else { throw APIError.invalidField("\(field).word", "the hidden word's index, a whole number") }
            guard (0..<wordCount).contains(word) else {
                throw APIError.invalidField("\(field).word", "no word \(word) in segment \(segment), which has \(wordCount)")
            }
            guard seen.insert(word).inserted else { throw APIError.invalidField("\(field).word", "word \(word) is chosen twice") }
            let text = try Self.optional(object["text"], "\(field).text", "the chosen tile's text, a string or null") { $0.string }
            guard (text?.count ?? 0) <= 200 else { throw APIError.invalidField("\(field).text", "longer than 200 characters") }
            return GapChoice(word: word, text: text)
        }
    }

    /// `answer.recordingId` of a repeat: the id of the learner's recorded try.
    func tryRecordingId() throws -> String {
        guard let id = answer?["recordingId"]?.string, ResourceID.isValid(id) else {
            throw APIError.invalidField("answer.recordingId", "the id of the learner's recorded try (POST /api/recordings first)")
        }
        return id
    }
}
