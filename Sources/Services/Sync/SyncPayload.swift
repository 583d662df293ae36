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
    var deletions: [SyncDeletion] = []
    var recordings: [SyncedRecording] = []
    var sharings: [SyncedSharing] = []
    var transcriptRevisions: [SyncTranscriptRevision] = []
    var attempts: [Attempt] = []
    /// Attempts at audio shipped with the scenarios (named by file, not by this server's id).
    var shippedAttempts: [SyncShippedAttempt] = []
    /// Scenario steps done without attempts.
    var stepsDone: [SyncStepDone] = []
    var levelSettings: [SyncLevelSetting] = []
    var scenarios: [ScenarioRecord] = []
    var scenarioRevisions: [SyncScenarioRevision] = []
    /// When the people, group and recordings above were last edited here (never: left out).
    var editClocks: [SyncEditClock] = []
    /// Spoken labels changed here (on every pair), each with its take's row.
    var spokenLabels: [SyncSpokenLabel] = []
    /// The records of the photos the people and group above show; their files travel as `pictures/<sha256>`.
    var pictures: [Picture] = []

    var itemCount: Int {
        groups.count + people.count + memberships.count + mentoringPairs.count + consents.count + tombstones.count + recordings.count + sharings.count
            + transcriptRevisions.count + attempts.count + scenarios.count + scenarioRevisions.count + deletions.count + levelSettings.count
            + spokenLabels.count + shippedAttempts.count + stepsDone.count
    }

    init() {}

    /// Kinds a bundle leaves out are empty (a bundle of an older server holds fewer kinds).
    init(from decoder: any Decoder) throws {
        let items = try decoder.container(keyedBy: CodingKeys.self)
        groups = try items.decodeIfPresent([LearningGroup].self, forKey: .groups) ?? []
        people = try items.decodeIfPresent([Person].self, forKey: .people) ?? []
        memberships = try items.decodeIfPresent([Membership].self, forKey: .memberships) ?? []
        mentoringPairs = try items.decodeIfPresent([MentoringPair].self, forKey: .mentoringPairs) ?? []
        consents = try items.decodeIfPresent([Consent].self, forKey: .consents) ?? []
        tombstones = try items.decodeIfPresent([Tombstone].self, forKey: .tombstones) ?? []
        deletions = try items.decodeIfPresent([SyncDeletion].self, forKey: .deletions) ?? []
        recordings = try items.decodeIfPresent([SyncedRecording].self, forKey: .recordings) ?? []
        sharings = try items.decodeIfPresent([SyncedSharing].self, forKey: .sharings) ?? []
        transcriptRevisions = try items.decodeIfPresent([SyncTranscriptRevision].self, forKey: .transcriptRevisions) ?? []
        attempts = try items.decodeIfPresent([Attempt].self, forKey: .attempts) ?? []
        shippedAttempts = try items.decodeIfPresent([SyncShippedAttempt].self, forKey: .shippedAttempts) ?? []
        stepsDone = try items.decodeIfPresent([SyncStepDone].self, forKey: .stepsDone) ?? []
        levelSettings = try items.decodeIfPresent([SyncLevelSetting].self, forKey: .levelSettings) ?? []
        scenarios = try items.decodeIfPresent([ScenarioRecord].self, forKey: .scenarios) ?? []
        scenarioRevisions = try items.decodeIfPresent([SyncScenarioRevision].self, forKey: .scenarioRevisions) ?? []
        editClocks = try items.decodeIfPresent([SyncEditClock].self, forKey: .editClocks) ?? []
        spokenLabels = try items.decodeIfPresent([SyncSpokenLabel].self, forKey: .spokenLabels) ?? []
        pictures = try items.decodeIfPresent([Picture].self, forKey: .pictures) ?? []
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
