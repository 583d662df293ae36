/// What one bundle from a peer changes here, decided by the sync service, applied by a
/// ``SyncStore`` in one transaction. Audio of new recordings is already published.
public struct SyncBatch: Sendable {
    public var groups: [LearningGroup] = []
    public var people: [Person] = []
    public var memberships: [Membership] = []
    /// Pairs of two of the group's people: a recording shared with the mentor is heard there too.
    public var mentoringPairs: [MentoringPair] = []
    /// Applied before recordings: a recording is taken only when its owner's consent allows it.
    public var consents: [Consent] = []
    /// Applied before everything they could resurrect: a withdrawn recording never comes back.
    public var tombstones: [Tombstone] = []
    /// Applied after tombstones, before everything a deletion could bring back.
    public var deletions: [SyncDeletion] = []
    public var recordings: [SyncedRecording] = []
    /// Sharing of recordings that may not travel: applied to copies already held, never creates one.
    public var sharings: [SyncedSharing] = []
    public var transcriptRevisions: [SyncTranscriptRevision] = []
    /// Attempts of the group's people at the group's recordings, and at shipped scenario audio
    /// (their recording ids already those of this server's copy).
    public var attempts: [Attempt] = []
    /// Scenario steps the group's people did without an attempt (listen, record, talk), on the
    /// group's scenarios and shipped ones: the later answer wins.
    public var stepsDone: [ScenarioStepDone] = []
    /// Levels trainers set by hand: progress is replayed from the latest.
    public var levelSettings: [SyncLevelSetting] = []
    /// Scenarios of the group (created where they are missing), before their revisions.
    public var scenarios: [ScenarioRecord] = []
    public var scenarioRevisions: [SyncScenarioRevision] = []
    /// Spoken labels (on every pair: a camp's kiosks speak in the centre's trainers' voices), each
    /// with its take's row when it plays one; the later change wins.
    public var spokenLabels: [SyncSpokenLabel] = []
    /// The records of photos the batch's people and group show (their files are already published).
    public var pictures: [Picture] = []
    /// When the people, group and recordings of the batch were last edited on the other side
    /// (absent: never): an edit of a row held here wins when it is later.
    public var editClocks: [SyncEditClock] = []
    /// The pair as it stands once the batch is applied (watermarks), saved in the same transaction.
    public var pair: SyncPair

    public init(pair: SyncPair) {
        self.pair = pair
    }

    /// How many items the batch holds.
    public var itemCount: Int {
        groups.count + people.count + memberships.count + mentoringPairs.count + consents.count + tombstones.count + recordings.count + sharings.count
            + transcriptRevisions.count + attempts.count + scenarios.count + scenarioRevisions.count + deletions.count + levelSettings.count
            + spokenLabels.count + stepsDone.count
    }
}

/// What applying a batch did.
public struct SyncApplyReport: Sendable, Equatable {
    public var recordingsAdded = 0
    public var recordingsWithdrawn = 0
    public var attemptsAdded = 0
    public var revisionsAdded = 0
    /// Items left out: already here, withdrawn here, or refused (a recording without its owner's consent).
    public var skipped = 0
    /// Transcripts left with two heads by this batch.
    public var conflicts: [TranscriptConflict] = []
    public var scenarioRevisionsAdded = 0
    /// Slugs of scenarios left with two heads by this batch (kept as a conflict the editor shows).
    public var scenarioConflicts: [String] = []
    /// Slugs of the other side's scenarios left out because the name is taken here by another
    /// group's scenario or a shipped file.
    public var scenariosNotTaken: [String] = []
    /// People, groups and recordings held here whose fields took the other side's later edit.
    public var edited = 0
    /// Recordings and transcripts deleted here by the batch's deletions.
    public var deleted = 0
    /// Spoken labels that took the other side's later take or removal.
    public var labelsChanged = 0
    /// Scenario steps done without attempts that arrived, or took the other side's later answer.
    public var stepsDone = 0
    public init() {}
}
