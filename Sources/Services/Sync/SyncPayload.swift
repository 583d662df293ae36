import Foundation
import Storage

/// What a bundle carries besides audio: the items the other side lacks, as JSON.
struct SyncPayload: Codable, Sendable {
    var groups: [LearningGroup] = []
    var people: [Person] = []
    var memberships: [Membership] = []
    var mentoringPairs: [MentoringPair] = []
    var consents: [Consent] = []
    var tombstones: [Tombstone] = []
    var recordings: [SyncedRecording] = []
    var sharings: [SyncedSharing] = []
    var transcriptRevisions: [SyncTranscriptRevision] = []
    var attempts: [Attempt] = []

    var itemCount: Int {
        groups.count + people.count + memberships.count + mentoringPairs.count + consents.count + tombstones.count + recordings.count + sharings.count
            + transcriptRevisions.count + attempts.count
    }

    /// Dates as whole milliseconds, as the stores keep them: values read back compare equal.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.millisecondsSince1970)
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
        }
        return decoder
    }()
}
