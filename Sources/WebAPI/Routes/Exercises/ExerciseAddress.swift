import Exercises
import Foundation
import Hummingbird
import Transcripts

/// What an exercise request asks for, read from its query: `level`, `segment`, `seed`, `lang`,
/// `step`. Values that are not what they should be get `422` naming the parameter.
struct ExerciseAddress {
    var level: ExerciseLevel?
    var segment: Int?
    var seed: UInt64?
    var language: String?
    var step: String

    /// Seeds stay below 2⁵³ so that JavaScript clients read them back exactly.
    static let seedLimit: UInt64 = 1 << 53

    init(_ query: Parameters) throws {
        if let raw = query["level"] {
            guard let value = Int(raw), let level = ExerciseLevel(rawValue: value) else {
                throw APIError.invalidField("level", "a whole number from 1 to 3")
            }
            self.level = level
        }
        if let raw = query["segment"] {
            guard let value = Int(raw), value >= 0 else { throw APIError.invalidField("segment", "a whole number from 0") }
            segment = value
        }
        if let raw = query["seed"] {
            guard let value = UInt64(raw), value < Self.seedLimit else {
                throw APIError.invalidField("seed", "a whole number from 0 to 2^53 - 1")
            }
            seed = value
        }
        language = try query["lang"].map { try RecordingsController.languageTag(String($0)) }
        step = try Self.step(query["step"].map(String.init), field: "step")
    }

    /// A scenario step key: up to 120 letters, digits, `-`, `_`, `.`, `/` (`at-the-doctor/3`).
    static func step(_ raw: String?, field: String) throws -> String {
        guard let raw else { return "" }
        guard (1...120).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }) else {
            throw APIError.invalidField(field, "a scenario step: up to 120 letters, digits, '-', '_', '.' or '/'")
        }
        return raw
    }
}
