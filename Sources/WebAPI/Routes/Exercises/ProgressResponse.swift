import Hummingbird
import Transcripts

/// `GET /api/people/{id}/progress`: one learner's levels and scores on everything they practised,
/// their latest attempts, and the words they miss most.
struct ProgressResponse: ResponseEncodable {
    struct PersonSummary: Codable, Equatable {
        let id: String
        let displayName: String
        let avatar: String?
    }

    let person: PersonSummary
    /// The level rule, in a sentence.
    let rule: String
    let recordings: [ProgressEntryResponse]
    let recentAttempts: [AttemptSummaryResponse]
    let missedWords: [MissedWordResponse]
}
