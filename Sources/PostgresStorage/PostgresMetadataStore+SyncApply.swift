import Exercises
import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// One transaction, under the blobs lock (withdrawn and deleted recordings release their
    /// files after the commit), holding the locks the writes it crosses take (a transcript's, a
    /// learner's progress, a scenario's row) from the start.
    public func apply(_ batch: SyncBatch, rule: LevelRule, beforeEachItem: @escaping @Sendable () throws -> Void,
                      unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> SyncApplyReport {
        try await transactionReleasing("the bundle does not fit this server's data", lock: WriterLock.blobs, { transaction, released in
            try await Self.lockItems(of: batch, transaction)
            return try await Self.apply(batch, rule: rule, beforeEachItem: beforeEachItem, transaction) { released.append($0) }
        }, remove: unreferenced)
    }
}

extension PostgresMetadataStore {
    /// Takes the transcript and progress locks and the scenario rows the batch writes to, in one
    /// statement (applies come one at a time, under the blobs lock, so their order cannot deadlock).
    static func lockItems(of batch: SyncBatch, _ transaction: Transaction) async throws {
        var keys = Set(batch.transcriptRevisions.map { "transcript \($0.recordingId)" })
        keys.formUnion(batch.deletions.map { "transcript \($0.recordingId)" })
        keys.formUnion(batch.attempts.map { "progress \($0.personId) \($0.recordingId) \($0.step)" })
        keys.formUnion(batch.levelSettings.map { "progress \($0.personId) \($0.recordingId) \($0.step)" })
        if !keys.isEmpty {
            try await transaction.run("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(\(keys.sorted())::text[]) AS k")
        }
        let slugs = Set(batch.scenarios.map(\.slug) + batch.scenarioRevisions.map(\.slug))
        if !slugs.isEmpty {
            try await transaction.run("SELECT slug FROM scenario WHERE slug = ANY(\(slugs.sorted())) ORDER BY slug FOR UPDATE")
        }
    }

    static func apply(_ batch: SyncBatch, rule: LevelRule, beforeEachItem: () throws -> Void, _ transaction: Transaction,
                      released: (RecordingBlob) throws -> Void) async throws -> SyncApplyReport {
        var report = SyncApplyReport()
        let clocks = batch.editClocksByItem
        let pictures = batch.picturesByHash
        // Rows whose edit here beat the one that arrived: logged again once the batch is in, so
        // they go back to the other side.
        var answerBack: [(SyncItemKind, String)] = []
        func settle(_ outcome: SyncEditOutcome, _ kind: SyncItemKind, _ id: String) {
            switch outcome {
            case .taken: report.edited += 1
            case .kept: answerBack.append((kind, id))
            case .same: break
            }
        }
        for group in batch.groups {
            try beforeEachItem()
            let clock = clocks["group \(group.id)"] ?? 0
            if let held = try await transaction.rows("SELECT \(unescaped: LearningGroup.columns) FROM learningGroup g WHERE g.id = \(group.id)")
                .first.map(LearningGroup.init(row:)) {
                settle(try await applyEdit(group, held: held, clock: clock, pictures: pictures, transaction, released), .group, group.id)
                continue
            }
            try await adoptPicture(group.picturePhoto, from: pictures, transaction)
            try await transaction.run("""
                INSERT INTO learningGroup (id, name, picture, picturePhoto, openSignIn, createdAt)
                VALUES (\(group.id), \(group.name), \(group.picture), \(group.picturePhoto), \(group.openSignIn),
                \(group.createdAt.millisecondsSince1970))
                """)
            try await keepClock(.group, group.id, clock, transaction)
        }
        for var person in batch.people {
            try beforeEachItem()
            let clock = clocks["person \(person.id)"] ?? 0
            if let held = try await transaction.rows("SELECT \(unescaped: Person.columns) FROM person p WHERE p.id = \(person.id)")
                .first.map(Person.init(row:)) {
                settle(try await applyEdit(person, held: held, clock: clock, pictures: pictures, transaction, released), .person, person.id)
                continue
            }
            if let other: String = try await transaction.rows("SELECT id FROM person WHERE name = \(person.name.lowercased())").first?["id"] {
                throw StorageError(code: .conflict,
                                   message: "the name '\(person.name)' belongs to another person here (\(other)) than in the bundle (\(person.id))")
            }
            person.name = person.name.lowercased()
            try await adoptPicture(person.avatarPhoto, from: pictures, transaction)
            person.nameRecordingId = nil
            try await insert(person, transaction)
            try await keepClock(.person, person.id, clock, transaction)
        }
        for membership in batch.memberships {
            try beforeEachItem()
            try await transaction.run("""
                INSERT INTO membership (groupId, personId)
                SELECT \(membership.groupId), \(membership.personId) WHERE EXISTS (SELECT 1 FROM learningGroup WHERE id = \(membership.groupId))
                AND EXISTS (SELECT 1 FROM person WHERE id = \(membership.personId))
                ON CONFLICT DO NOTHING
                """)
        }
        for pair in batch.mentoringPairs {
            try beforeEachItem()
            guard try await isPerson(pair.mentorId, transaction), try await isPerson(pair.newcomerId, transaction) else {
                report.skipped += 1
                continue
            }
            if let kept = try await transaction.rows("SELECT * FROM mentoringPair WHERE id = \(pair.id)").first.map(MentoringPair.init(row:)) {
                // Ending wins: both sides keep the earliest end.
                if let end = pair.endsAt, kept.endsAt.map({ end < $0 }) ?? true {
                    try await transaction.run("UPDATE mentoringPair SET endsAt = \(end.millisecondsSince1970) WHERE id = \(pair.id)")
                }
            } else {
                try await transaction.run("""
                    INSERT INTO mentoringPair (id, mentorId, newcomerId, startsAt, endsAt)
                    VALUES (\(pair.id), \(pair.mentorId), \(pair.newcomerId), \(pair.startsAt.millisecondsSince1970),
                    \(pair.endsAt?.millisecondsSince1970))
                    """)
            }
        }
        // Withdrawals first: what they name is deleted here too, and nothing later in the batch
        // (or in any later bundle) brings it back.
        // A pair reaches only its group: nothing it sends touches another group's recordings here.
        let groupId = batch.pair.groupId
        func outsideGroup(_ recordingId: String) async throws -> Bool {
            try await !transaction.rows("SELECT 1 FROM recording WHERE id = \(recordingId) AND groupId IS DISTINCT FROM \(groupId)").isEmpty
        }
        for tombstone in batch.tombstones {
            try beforeEachItem()
            guard try await !outsideGroup(tombstone.recordingId) else { report.skipped += 1; continue }
            if let row = try await transaction.rows("""
                DELETE FROM recording r WHERE r.id = \(tombstone.recordingId) RETURNING \(unescaped: Recording.columns)
                """).first.map(Recording.init(row:)) {
                try await release(row, transaction, released)
                report.recordingsWithdrawn += 1
            }
            try await transaction.run("DELETE FROM consent WHERE recordingId = \(tombstone.recordingId)")
            if let kept = try await transaction.rows("SELECT * FROM tombstone WHERE recordingId = \(tombstone.recordingId)")
                .first.map(Tombstone.init(row:)) {
                // Both sides keep the earliest withdrawal (then the smaller withdrawer id).
                if (tombstone.withdrawnAt, tombstone.withdrawnBy ?? "") < (kept.withdrawnAt, kept.withdrawnBy ?? "") {
                    try await transaction.run("""
                        UPDATE tombstone SET ownerId = \(tombstone.ownerId), withdrawnAt = \(tombstone.withdrawnAt.millisecondsSince1970),
                        withdrawnBy = \(tombstone.withdrawnBy) WHERE recordingId = \(tombstone.recordingId)
                        """)
                }
            } else {
                try await transaction.run("""
                    INSERT INTO tombstone (recordingId, ownerId, withdrawnAt, withdrawnBy)
                    VALUES (\(tombstone.recordingId), \(tombstone.ownerId), \(tombstone.withdrawnAt.millisecondsSince1970), \(tombstone.withdrawnBy))
                    """)
            }
        }
        try await applyDeletions(batch, beforeEachItem: beforeEachItem, transaction, report: &report, released: released)
        // Consent before recordings: a recording is taken only when its owner's consent allows it.
        for consent in batch.consents {
            try beforeEachItem()
            guard try await !isWithdrawn(consent.recordingId, transaction), try await !isDeleted(consent.recordingId, transaction),
                  try await !outsideGroup(consent.recordingId) else { report.skipped += 1; continue }
            try await transaction.run("""
                INSERT INTO consent (id, recordingId, personId, visibility, method, consentRecordingId, givenAt)
                VALUES (\(consent.id), \(consent.recordingId), \(consent.personId), \(consent.visibility.rawValue), \(consent.method.rawValue),
                \(consent.consentRecordingId), \(consent.givenAt.millisecondsSince1970))
                ON CONFLICT DO NOTHING
                """)
        }
        for synced in batch.recordings {
            try beforeEachItem()
            let id = synced.recording.id
            guard try await !isWithdrawn(id, transaction), try await !isDeleted(id, transaction), synced.recording.groupId == groupId,
                  try await !outsideGroup(id) else {
                report.skipped += 1
                continue
            }
            let clock = clocks["recording \(id)"] ?? 0
            if let held = try await transaction.rows("SELECT \(unescaped: Recording.columns) FROM recording r WHERE r.id = \(id)")
                .first.map(Recording.init(row:)) {
                try await applySharing(synced.sharing, transaction)
                settle(try await applyEdit(synced.recording, held: held, clock: clock, transaction), .recording, id)
                continue
            }
            guard try await mayArrive(synced.recording, transaction) else { report.skipped += 1; continue }
            var row = synced.recording
            row.seq = nil
            row.peaksSha256 = nil  // peaks are made again where needed; they do not travel
            _ = try await row.inserted(transaction)
            try await transaction.run("UPDATE recording SET sharingChangedAt = \(synced.sharingChangedAt) WHERE id = \(id)")
            try await keepClock(.recording, id, clock, transaction)
            report.recordingsAdded += 1
        }
        for sharing in batch.sharings {
            try beforeEachItem()
            guard try await !outsideGroup(sharing.recordingId) else { report.skipped += 1; continue }
            try await applySharing(sharing, transaction)
        }
        try await applyScenarios(batch, beforeEachItem: beforeEachItem, transaction, report: &report, answerBack: &answerBack)
        var touchedTranscripts: Set<Int64> = []
        for revision in batch.transcriptRevisions {
            try beforeEachItem()
            guard try await transaction.rows("SELECT 1 FROM transcriptRevision WHERE syncId = \(revision.syncId)").isEmpty,
                  try await !transaction.rows("SELECT 1 FROM recording WHERE id = \(revision.recordingId)").isEmpty,
                  try await !outsideGroup(revision.recordingId), try await !isDeleted(revision, transaction) else { report.skipped += 1; continue }
            touchedTranscripts.insert(try await insert(revision, transaction))
            report.revisionsAdded += 1
        }
        for transcriptId in touchedTranscripts.sorted() {
            if let conflict = try await settleCurrent(transcriptId: transcriptId, transaction) { report.conflicts.append(conflict) }
        }
        var touchedProgress: Set<[String]> = []
        for var attempt in batch.attempts {
            try beforeEachItem()
            // One round trip for what decides (a month brings hundreds of attempts).
            let found = try await transaction.rows("""
                SELECT EXISTS (SELECT 1 FROM attempt WHERE id = \(attempt.id)) AS taken,
                  EXISTS (SELECT 1 FROM recording WHERE id = \(attempt.recordingId) AND groupId IS NOT DISTINCT FROM \(groupId))
                    OR EXISTS (SELECT 1 FROM shippedMedia WHERE recordingId = \(attempt.recordingId)) AS ours,
                  EXISTS (SELECT 1 FROM person WHERE id = \(attempt.personId)) AS learner,
                  EXISTS (SELECT 1 FROM recording WHERE id = \(attempt.tryRecordingId)) AS tryHeld
                """).first
            guard let found, try !found["taken", as: Bool.self], try found["ours", as: Bool.self], try found["learner", as: Bool.self] else {
                report.skipped += 1
                continue
            }
            if try !found["tryHeld", as: Bool.self] { attempt.tryRecordingId = nil }
            try await insert(attempt, transaction)
            touchedProgress.insert([attempt.personId, attempt.recordingId, attempt.step])
            report.attemptsAdded += 1
        }
        try await applyStepsDone(batch, beforeEachItem: beforeEachItem, transaction, report: &report)
        touchedProgress.formUnion(try await applyLevelSettings(batch, beforeEachItem: beforeEachItem, transaction, report: &report))
        try await applySpokenLabels(batch, beforeEachItem: beforeEachItem, transaction, report: &report, released: released)
        for key in touchedProgress.sorted(by: { $0.joined(separator: " ") < $1.joined(separator: " ") }) {
            try await replayProgress(personId: key[0], recordingId: key[1], step: key[2], rule: rule, transaction)
        }
        // Everything this transaction logged (not numbered until it commits) came from the peer.
        if let peer = batch.pair.peerServerId {
            try await transaction.run("UPDATE syncChange SET origin = \(peer) WHERE seq IS NULL")
        }
        for (kind, id) in answerBack {
            try await transaction.run("INSERT INTO syncChange (kind, itemId) VALUES (\(kind.rawValue), \(id))")
        }
        try await save(batch.pair, transaction)
        return report
    }

    static func isWithdrawn(_ recordingId: String, _ transaction: Transaction) async throws -> Bool {
        try await !transaction.rows("SELECT 1 FROM tombstone WHERE recordingId = \(recordingId)").isEmpty
    }

    /// A recording arrives only when it could have left: its owner consented to at least its
    /// visibility, or it is private and shared with the owner's mentor.
    static func mayArrive(_ recording: Recording, _ transaction: Transaction) async throws -> Bool {
        guard recording.visibility > .private else { return recording.sharedWithMentor }
        guard let owner = recording.ownerId else { return false }
        let widest = try await transaction.rows("SELECT visibility FROM consent WHERE recordingId = \(recording.id) AND personId = \(owner)")
            .compactMap { Visibility(rawValue: try $0["visibility"]) }.max()
        guard let widest, widest >= recording.visibility, try await isPerson(owner, transaction) else { return false }
        guard let group = recording.groupId else { return true }
        return try await !transaction.rows("SELECT 1 FROM learningGroup WHERE id = \(group)").isEmpty
    }

    /// The later sharing wins (see ``SyncedSharing/wins(over:)``); applied only to a recording held here.
    static func applySharing(_ sharing: SyncedSharing, _ transaction: Transaction) async throws {
        guard let local = try await syncedRecording(id: sharing.recordingId, transaction), sharing.wins(over: local.sharing) else { return }
        // Two writes, so the clock is never taken for a change made here (the stamping trigger
        // moves it only when a write leaves it alone).
        try await transaction.run("UPDATE recording SET sharingChangedAt = -1 WHERE id = \(sharing.recordingId)")
        try await transaction.run("""
            UPDATE recording SET visibility = \(sharing.visibility.rawValue), sharedWithMentor = \(sharing.sharedWithMentor),
            sharingChangedAt = \(sharing.changedAt) WHERE id = \(sharing.recordingId)
            """)
    }
}
