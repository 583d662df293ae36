import Exercises
import Transcripts

/// The body to `POST /api/attempts` for an exercise, filled in but for the answer: clients copy
/// it, add what the learner did, and send it.
struct AttemptTemplate: Codable, Equatable {
    /// The answer's shape for the exercise's kind.
    struct Answer: Codable, Equatable {
        struct Choice: Codable, Equatable {
            let word: Int
            /// The chosen tile's text, to fill in (null for an empty gap).
            let text: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(word, forKey: .word)
                try container.encode(text, forKey: .text)
            }
        }

        var choices: [Choice]?
        var text: String?
        var recordingId: String?
    }

    let kind: ExerciseKind
    let recordingId: String
    let language: String
    let revision: Int?
    let segment: Int?
    let level: Int
    let step: String?
    let answer: Answer?
}

extension AttemptTemplate {
    /// The same template with the answer's shape filled in.
    func with(answer: Answer) -> AttemptTemplate {
        AttemptTemplate(kind: kind, recordingId: recordingId, language: language, revision: revision, segment: segment, level: level,
                        step: step, answer: answer)
    }
}
