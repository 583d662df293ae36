import Exercises
import Foundation

/// What sync between two servers keeps: this server's id, its pairs, its change log, and the
/// reads and the one write a bundle needs.
///
/// Every change to what travels (groups, people, memberships, recordings and their sharing,
/// consents, tombstones, transcript revisions, attempts, scenarios and their revisions, spoken
/// labels and their removals, people's and groups' photos as edits, scenario steps done without
/// attempts) is logged as it is committed,
/// whichever code made it, so nothing is missed.
///
/// Concurrency promise: ``apply(_:rule:beforeEachItem:unreferenced:)`` is one transaction: a throw
/// anywhere (`beforeEachItem` included) leaves nothing of the batch.
public protocol SyncStore: Sendable {
    /// This server's id, made once.
    func serverId() async throws -> String
    func pair(groupId: String) async throws -> SyncPair?
    func pairs() async throws -> [SyncPair]
    /// Inserts or replaces the pair.
    func save(_ pair: SyncPair) async throws
    /// Entries after `seq`, oldest first, leaving out those that came from `origin`; and the
    /// log's last sequence number.
    func changes(after seq: Int64, excludingOrigin origin: String?) async throws -> (changes: [SyncChange], lastSeq: Int64)
    /// The recording with its sharing clock.
    func syncedRecording(id: String) async throws -> SyncedRecording?
    /// Of `recordingIds`, those something arrived about from `peer` (the peer holds them).
    func recordingsKnown(to peer: String, among recordingIds: [String]) async throws -> Set<String>
    /// Every tombstone (for the state checks).
    func tombstones() async throws -> [Tombstone]
    /// The transcript revision with this local row id (the change log's item id).
    func transcriptRevision(localId: Int64) async throws -> SyncTranscriptRevision?
    /// Every revision of the recording's transcripts, oldest first.
    func transcriptRevisions(recordingId: String) async throws -> [SyncTranscriptRevision]
    /// Every attempt at the recording, oldest first.
    func attempts(recordingId: String) async throws -> [Attempt]
    /// Every revision of the scenario as it travels, oldest first (by local number).
    func scenarioRevisions(slug: String) async throws -> [SyncScenarioRevision]
    /// When the people, groups or recordings with these ids (`kind` says which) were last edited
    /// here, for those ever edited.
    func editClocks(_ kind: SyncItemKind, ids: [String]) async throws -> [SyncEditClock]
    /// The group's recordings and transcripts deleted here or by a peer (not withdrawn).
    func deletions(groupId: String) async throws -> [SyncDeletion]
    /// The levels set by hand on these recordings, oldest first.
    func levelSettings(recordingIds: [String]) async throws -> [SyncLevelSetting]
    /// Where the spoken labels with these item ids (``SyncSpokenLabel/itemId``) stand here: the
    /// take each plays, or its removal; those never recorded are left out. Without `recording`.
    func syncedSpokenLabels(itemIds: [String]) async throws -> [SyncSpokenLabel]
    /// The scenario steps done without attempts with these item ids (`personId slug stepId`).
    func stepsDone(itemIds: [String]) async throws -> [ScenarioStepDone]
    /// The scenario steps done whose answer is one of these recordings.
    func stepsDone(answering recordingIds: [String]) async throws -> [ScenarioStepDone]
    /// Which of these recordings are shipped scenario audio, with the file each was imported from.
    func shippedMedia(recordingIds: [String]) async throws -> [ShippedMedia]
    /// Transcripts with more than one head.
    func transcriptConflicts() async throws -> [TranscriptConflict]
    /// Applies the batch in one transaction (see ``SyncBatch``): tombstones delete what they
    /// name and stay; progress of every learner and recording an attempt or a level set by hand
    /// arrived for is replayed with `rule` from the latest level set by hand; `beforeEachItem` runs
    /// before each item (throw to stop: nothing is kept). Once
    /// committed, `unreferenced` runs for the files of withdrawn recordings no row shares, and
    /// for photos (`.picture`) and label takes the batch left unused.
    func apply(_ batch: SyncBatch, rule: LevelRule, beforeEachItem: @escaping @Sendable () throws -> Void,
               unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> SyncApplyReport
}
