import Hummingbird
import Transcripts

/// `GET /api/groups/{id}/progress`: who in the group is at which level on what, the group's
/// latest attempts, and the words most often missed across it (to plan the next session).
struct GroupProgressResponse: ResponseEncodable {
    struct GroupSummary: Codable, Equatable {
        let id: String
        let name: String
    }

    struct Learner: Encodable, Equatable {
        let id: String
        let displayName: String
        let avatar: String?
        let attempts: Int
        let lastAttemptAt: String?
        let recordings: [ProgressEntryResponse]
    }

    let group: GroupSummary
    let rule: String
    let learners: [Learner]
    let recentAttempts: [AttemptSummaryResponse]
    let missedWords: [MissedWordResponse]
}
