import Exercises
import Foundation
import GRDB
import Storage
import Transcripts

extension SQLiteMetadataStore: SyncStore {
    public func serverId() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT id FROM syncSelf") ?? "" }
    }

    public func pair(groupId: String) async throws -> SyncPair? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM syncPair WHERE groupId = ?", arguments: [groupId]).map(Self.pair)
        }
    }

    public func pairs() async throws -> [SyncPair] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM syncPair ORDER BY groupId").map(Self.pair) }
    }

    public func save(_ pair: SyncPair) async throws {
        try await pool.write { db in try Self.save(pair, db) }
    }

    public func changes(after seq: Int64, excludingOrigin origin: String?) async throws -> (changes: [SyncChange], lastSeq: Int64) {
        try await pool.read { db in
            let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM syncChange") ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, kind, itemId, origin FROM syncChange WHERE seq > ? AND seq <= ? AND (origin IS NULL OR origin IS NOT ?) ORDER BY seq
                """, arguments: [seq, last, origin])
            let changes = rows.compactMap { row -> SyncChange? in
                guard let kind = SyncItemKind(rawValue: row["kind"]) else { return nil }
                return SyncChange(seq: row["seq"], kind: kind, itemId: row["itemId"], origin: row["origin"])
            }
            return (changes, last)
        }
    }

    public func syncedRecording(id: String) async throws -> SyncedRecording? {
        try await pool.read { db in try Self.syncedRecording(id: id, db) }
    }

    public func recordingsKnown(to peer: String, among recordingIds: [String]) async throws -> Set<String> {
        guard !recordingIds.isEmpty else { return [] }
        return try await pool.read { db in
            let placeholders = Array(repeating: "?", count: recordingIds.count).joined(separator: ", ")
            return try Set(String.fetchAll(db, sql: """
                SELECT DISTINCT itemId FROM syncChange WHERE origin = ? AND kind = 'recording' AND itemId IN (\(placeholders))
                """, arguments: StatementArguments([peer]) + StatementArguments(recordingIds)))
        }
    }

    public func tombstones() async throws -> [Tombstone] {
        try await pool.read { db in try Tombstone.order(Column("recordingId")).fetchAll(db) }
    }

    public func transcriptRevision(localId: Int64) async throws -> SyncTranscriptRevision? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT v.*, t.recordingId AS recordingId, t.language AS language FROM transcriptRevision v
                JOIN transcript t ON t.id = v.transcriptId WHERE v.id = ?
                """, arguments: [localId]).map { try Self.syncRevision($0, db) }
        }
    }

    public func transcriptRevisions(recordingId: String) async throws -> [SyncTranscriptRevision] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.*, t.recordingId AS recordingId, t.language AS language FROM transcriptRevision v
                JOIN transcript t ON t.id = v.transcriptId WHERE t.recordingId = ? ORDER BY t.language, v.revision
                """, arguments: [recordingId]).map { try Self.syncRevision($0, db) }
        }
    }

    public func attempts(recordingId: String) async throws -> [Attempt] {
        try await pool.read { db in
            try Attempt.filter(Column("recordingId") == recordingId).order(Attempt.Columns.createdAt, Attempt.Columns.id).fetchAll(db)
        }
    }

    public func transcriptConflicts() async throws -> [TranscriptConflict] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, recordingId, language FROM transcript ORDER BY recordingId, language").compactMap { row in
                let heads = try Self.heads(transcriptId: row["id"], db)
                guard heads.count > 1 else { return nil }
                return TranscriptConflict(recordingId: row["recordingId"], language: row["language"], heads: heads.map(\.syncId))
            }
        }
    }

    public func apply(_ batch: SyncBatch, rule: LevelRule, beforeEachItem: @escaping @Sendable () throws -> Void,
                      unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> SyncApplyReport {
        do {
            return try await writeReleasing({ db, released in
                try Self.apply(batch, rule: rule, beforeEachItem: beforeEachItem, db) { released.append($0) }
            }, remove: unreferenced)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StorageError(code: .conflict, message: "the bundle does not fit this server's data: \(Self.explain(error))")
        }
    }
}

extension SQLiteMetadataStore {
    static func apply(_ batch: SyncBatch, rule: LevelRule, beforeEachItem: () throws -> Void, _ db: Database,
                      released: (RecordingBlob) throws -> Void) throws -> SyncApplyReport {
        var report = SyncApplyReport()
        let firstSeq = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM syncChange") ?? 0
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
            if let held = try LearningGroup.fetchOne(db, key: group.id) {
                settle(try applyEdit(group, held: held, clock: clock, pictures: pictures, db, released), .group, group.id)
                continue
            }
            try adoptPicture(group.picturePhoto, from: pictures, db)
            try group.insert(db)
            try keepClock(.group, group.id, clock, db)
        }
        for var person in batch.people {
            try beforeEachItem()
            let clock = clocks["person \(person.id)"] ?? 0
            if let held = try Person.fetchOne(db, key: person.id) {
                settle(try applyEdit(person, held: held, clock: clock, pictures: pictures, db, released), .person, person.id)
                continue
            }
            if let other = try String.fetchOne(db, sql: "SELECT id FROM person WHERE name = ?", arguments: [person.name.lowercased()]) {
                throw StorageError(code: .conflict,
                                   message: "the name '\(person.name)' belongs to another person here (\(other)) than in the bundle (\(person.id))")
            }
            person.name = person.name.lowercased()
            try adoptPicture(person.avatarPhoto, from: pictures, db)
            person.nameRecordingId = nil
            try person.insert(db)
            try keepClock(.person, person.id, clock, db)
        }
        for membership in batch.memberships {
            try beforeEachItem()
            try db.execute(sql: """
                INSERT OR IGNORE INTO membership (groupId, personId)
                SELECT ?, ? WHERE EXISTS (SELECT 1 FROM learningGroup WHERE id = ?) AND EXISTS (SELECT 1 FROM person WHERE id = ?)
                """, arguments: [membership.groupId, membership.personId, membership.groupId, membership.personId])
        }
        for pair in batch.mentoringPairs {
            try beforeEachItem()
            guard try Person.filter(key: pair.mentorId).fetchCount(db) > 0, try Person.filter(key: pair.newcomerId).fetchCount(db) > 0 else {
                report.skipped += 1
                continue
            }
            if var kept = try MentoringPair.fetchOne(db, key: pair.id) {
                // Ending wins: both sides keep the earliest end.
                if let end = pair.endsAt, kept.endsAt.map({ end < $0 }) ?? true {
                    kept.endsAt = end
                    try kept.update(db)
                }
            } else {
                try pair.insert(db)
            }
        }
        // Withdrawals first: what they name is deleted here too, and nothing later in the batch
        // (or in any later bundle) brings it back.
        // A pair reaches only its group: nothing it sends touches another group's recordings here.
        let groupId = batch.pair.groupId
        func outsideGroup(_ recordingId: String) throws -> Bool {
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM recording WHERE id = ? AND groupId IS NOT ?)",
                              arguments: [recordingId, groupId]) ?? false
        }
        for tombstone in batch.tombstones {
            try beforeEachItem()
            guard try !outsideGroup(tombstone.recordingId) else { report.skipped += 1; continue }
            if let row = try Recording.filter(publicId: tombstone.recordingId).fetchOne(db) {
                try Recording.filter(publicId: tombstone.recordingId).deleteAll(db)
                try release(row, db, released)
                report.recordingsWithdrawn += 1
            }
            try Consent.filter(Consent.Columns.recordingId == tombstone.recordingId).deleteAll(db)
            if let kept = try Tombstone.fetchOne(db, key: tombstone.recordingId) {
                // Both sides keep the earliest withdrawal (then the smaller withdrawer id).
                if (tombstone.withdrawnAt, tombstone.withdrawnBy ?? "") < (kept.withdrawnAt, kept.withdrawnBy ?? "") {
                    try tombstone.update(db)
                }
            } else {
                try tombstone.insert(db)
            }
        }
        try applyDeletions(batch, beforeEachItem: beforeEachItem, db, report: &report, released: released)
        // Consent before recordings: a recording is taken only when its owner's consent allows it.
        for consent in batch.consents {
            try beforeEachItem()
            guard try !isWithdrawn(consent.recordingId, db), try !isDeleted(consent.recordingId, db),
                  try !outsideGroup(consent.recordingId) else { report.skipped += 1; continue }
            try consent.insert(db, onConflict: .ignore)
        }
        for synced in batch.recordings {
            try beforeEachItem()
            let id = synced.recording.id
            guard try !isWithdrawn(id, db), try !isDeleted(id, db), synced.recording.groupId == groupId, try !outsideGroup(id) else {
                report.skipped += 1
                continue
            }
            let clock = clocks["recording \(id)"] ?? 0
            if let held = try Recording.filter(publicId: id).fetchOne(db) {
                try applySharing(synced.sharing, db)
                settle(try applyEdit(synced.recording, held: held, clock: clock, db), .recording, id)
                continue
            }
            guard try mayArrive(synced.recording, db) else { report.skipped += 1; continue }
            var row = synced.recording
            row.seq = nil
            row.peaksSha256 = nil  // peaks are made again where needed; they do not travel
            try row.insert(db)
            try db.execute(sql: "UPDATE recording SET sharingChangedAt = ? WHERE id = ?", arguments: [synced.sharingChangedAt, id])
            try keepClock(.recording, id, clock, db)
            report.recordingsAdded += 1
        }
        for sharing in batch.sharings {
            try beforeEachItem()
            guard try !outsideGroup(sharing.recordingId) else { report.skipped += 1; continue }
            try applySharing(sharing, db)
        }
        try applyScenarios(batch, beforeEachItem: beforeEachItem, db, report: &report, answerBack: &answerBack)
        var touchedTranscripts: Set<Int64> = []
        for revision in batch.transcriptRevisions {
            try beforeEachItem()
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transcriptRevision WHERE syncId = ?", arguments: [revision.syncId]) == 0,
                  try Recording.filter(publicId: revision.recordingId).fetchCount(db) > 0,
                  try !outsideGroup(revision.recordingId), try !isDeleted(revision, db) else { report.skipped += 1; continue }
            touchedTranscripts.insert(try insert(revision, db))
            report.revisionsAdded += 1
        }
        for transcriptId in touchedTranscripts.sorted() {
            if let conflict = try settleCurrent(transcriptId: transcriptId, db) { report.conflicts.append(conflict) }
        }
        var touchedProgress: Set<[String]> = []
        for var attempt in batch.attempts {
            try beforeEachItem()
            guard try Attempt.filter(key: attempt.id).fetchCount(db) == 0,
                  try Recording.filter(publicId: attempt.recordingId).fetchCount(db) > 0,
                  try !outsideGroup(attempt.recordingId) || isShipped(attempt.recordingId, db),
                  try Person.filter(key: attempt.personId).fetchCount(db) > 0 else { report.skipped += 1; continue }
            if let tryId = attempt.tryRecordingId, try Recording.filter(publicId: tryId).fetchCount(db) == 0 { attempt.tryRecordingId = nil }
            try insert(attempt, db)
            touchedProgress.insert([attempt.personId, attempt.recordingId, attempt.step])
            report.attemptsAdded += 1
        }
        try applyStepsDone(batch, beforeEachItem: beforeEachItem, db, report: &report)
        touchedProgress.formUnion(try applyLevelSettings(batch, beforeEachItem: beforeEachItem, db, report: &report))
        try applySpokenLabels(batch, beforeEachItem: beforeEachItem, db, report: &report, released: released)
        for key in touchedProgress.sorted(by: { $0.joined(separator: " ") < $1.joined(separator: " ") }) {
            try replayProgress(personId: key[0], recordingId: key[1], step: key[2], rule: rule, db)
        }
        if let peer = batch.pair.peerServerId {
            try db.execute(sql: "UPDATE syncChange SET origin = ? WHERE seq > ?", arguments: [peer, firstSeq])
        }
        for (kind, id) in answerBack {
            try db.execute(sql: "INSERT INTO syncChange (kind, itemId) VALUES (?, ?)", arguments: [kind.rawValue, id])
        }
        try save(batch.pair, db)
        return report
    }

    /// Levels come from attempts, never from another server's levels: every attempt of the
    /// learner on the recording (and step) is replayed through the rule, from the latest level a
    /// trainer set by hand (here or on the other side) when there is one.
    static func replayProgress(personId: String, recordingId: String, step: String, rule: LevelRule, _ db: Database) throws {
        let attempts = try Attempt.filter(Column("personId") == personId && Column("recordingId") == recordingId && Column("step") == step)
            .fetchAll(db)
        var start = try latestLevelSetting(personId: personId, recordingId: recordingId, step: step, db)?.start
        if let setter = start?.setBy, try Person.filter(key: setter).fetchCount(db) == 0 { start?.setBy = nil }  // not a person here
        if let replayed = rule.replay(attempts, from: start) { try replayed.save(db) }
    }

    static func isWithdrawn(_ recordingId: String, _ db: Database) throws -> Bool {
        try Tombstone.filter(key: recordingId).fetchCount(db) > 0
    }

    /// A recording arrives only when it could have left: its owner consented to at least its
    /// visibility, or it is private and shared with the owner's mentor.
    static func mayArrive(_ recording: Recording, _ db: Database) throws -> Bool {
        guard recording.visibility > .private else { return recording.sharedWithMentor }
        guard let owner = recording.ownerId else { return false }
        let widest = try String.fetchAll(db, sql: "SELECT visibility FROM consent WHERE recordingId = ? AND personId = ?",
                                         arguments: [recording.id, owner]).compactMap(Visibility.init).max()
        guard let widest, widest >= recording.visibility else { return false }
        return try Person.filter(key: owner).fetchCount(db) > 0
            && (recording.groupId == nil || LearningGroup.filter(key: recording.groupId!).fetchCount(db) > 0)
    }

    /// The later sharing wins (see ``SyncedSharing/wins(over:)``); applied only to a recording held here.
    static func applySharing(_ sharing: SyncedSharing, _ db: Database) throws {
        guard let local = try syncedRecording(id: sharing.recordingId, db), sharing.wins(over: local.sharing) else { return }
        // Two writes, so the clock is never taken for a change made here (see syncStampSharing).
        try db.execute(sql: "UPDATE recording SET sharingChangedAt = -1 WHERE id = ?", arguments: [sharing.recordingId])
        try db.execute(sql: "UPDATE recording SET visibility = ?, sharedWithMentor = ?, sharingChangedAt = ? WHERE id = ?",
                       arguments: [sharing.visibility.rawValue, sharing.sharedWithMentor, sharing.changedAt, sharing.recordingId])
    }

    /// Inserts a revision from elsewhere, numbered after this server's; returns its transcript's id.
    static func insert(_ revision: SyncTranscriptRevision, _ db: Database) throws -> Int64 {
        let language = revision.transcript.language
        let transcriptId: Int64
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM transcript WHERE recordingId = ? AND language = ?",
                                       arguments: [revision.recordingId, language]) {
            transcriptId = id
        } else {
            try db.execute(sql: "INSERT INTO transcript (recordingId, language, currentRevision) VALUES (?, ?, 0)",
                           arguments: [revision.recordingId, language])
            transcriptId = db.lastInsertedRowID
        }
        let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(revision), 0) + 1 FROM transcriptRevision WHERE transcriptId = ?",
                                      arguments: [transcriptId]) ?? 1
        let author = try revision.authorId.flatMap { try Person.filter(key: $0).fetchCount(db) > 0 ? $0 : nil }
        try db.execute(sql: """
            INSERT INTO transcriptRevision (transcriptId, revision, kind, text, change, authorId, createdAt, syncId, parents)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [transcriptId, number, revision.transcript.kind.rawValue, revision.transcript.text, revision.change.rawValue,
                             author, revision.createdAt.millisecondsSince1970, revision.syncId, revision.parents.sorted().joined(separator: " ")])
        try insertSegments(of: revision.transcript, revisionId: db.lastInsertedRowID, db)
        return transcriptId
    }

    /// Makes the head saved last (ties: the larger id) current and indexes it; a conflict when
    /// more than one head remains.
    static func settleCurrent(transcriptId: Int64, _ db: Database) throws -> TranscriptConflict? {
        let heads = try heads(transcriptId: transcriptId, db)
        guard let current = heads.first,
              let row = try Row.fetchOne(db, sql: """
                  SELECT v.*, t.recordingId AS recordingId, t.language AS language FROM transcriptRevision v
                  JOIN transcript t ON t.id = v.transcriptId WHERE v.syncId = ?
                  """, arguments: [current.syncId]) else { return nil }
        try db.execute(sql: "UPDATE transcript SET currentRevision = ? WHERE id = ?", arguments: [current.revision, transcriptId])
        let stored = try stored(row, recordingId: row["recordingId"], language: row["language"], db)
        try reindex(stored.transcript, transcriptId: transcriptId, db)
        guard heads.count > 1 else { return nil }
        return TranscriptConflict(recordingId: row["recordingId"], language: row["language"], heads: heads.map(\.syncId))
    }

    /// Revisions no other revision was made from, the current one (saved last, then larger id) first.
    static func heads(transcriptId: Int64, _ db: Database) throws -> [(syncId: String, revision: Int)] {
        let rows = try Row.fetchAll(db, sql: "SELECT syncId, parents, revision, createdAt FROM transcriptRevision WHERE transcriptId = ?",
                                    arguments: [transcriptId])
        let parents = Set(rows.flatMap { ($0["parents"] as String).split(separator: " ").map(String.init) })
        return rows.filter { !parents.contains($0["syncId"] as String) }
            .sorted { (($0["createdAt"] as Int64), $0["syncId"] as String) > (($1["createdAt"] as Int64), $1["syncId"] as String) }
            .map { ($0["syncId"], $0["revision"]) }
    }

    static func syncRevision(_ row: Row, _ db: Database) throws -> SyncTranscriptRevision {
        let stored = try stored(row, recordingId: row["recordingId"], language: row["language"], db)
        return SyncTranscriptRevision(syncId: row["syncId"], parents: (row["parents"] as String).split(separator: " ").map(String.init).sorted(),
                                      recordingId: stored.recordingId, change: stored.change, authorId: stored.authorId,
                                      createdAt: stored.createdAt, transcript: stored.transcript)
    }

    static func syncedRecording(id: String, _ db: Database) throws -> SyncedRecording? {
        guard let recording = try Recording.filter(publicId: id).fetchOne(db) else { return nil }
        let clock = try Int64.fetchOne(db, sql: "SELECT sharingChangedAt FROM recording WHERE id = ?", arguments: [id]) ?? 0
        return SyncedRecording(recording: recording, sharingChangedAt: clock)
    }

    static func pair(_ row: Row) -> SyncPair {
        SyncPair(groupId: row["groupId"], key: [UInt8](row["key"] as Data), peerServerId: row["peerServerId"], sentUpTo: row["sentUpTo"],
                 peerReceivedUpTo: row["peerReceivedUpTo"], receivedUpTo: row["receivedUpTo"],
                 lastExchangeAt: (row["lastExchangeAt"] as Int64?).map { Date(millisecondsSince1970: $0) },
                 pairedAt: Date(millisecondsSince1970: row["pairedAt"]), peerURL: row["peerURL"])
    }

    static func save(_ pair: SyncPair, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO syncPair (groupId, key, peerServerId, sentUpTo, peerReceivedUpTo, receivedUpTo, lastExchangeAt, pairedAt,
              peerURL)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [pair.groupId, Data(pair.key), pair.peerServerId, pair.sentUpTo, pair.peerReceivedUpTo, pair.receivedUpTo,
                             pair.lastExchangeAt?.millisecondsSince1970, pair.pairedAt.millisecondsSince1970, pair.peerURL])
    }
}
