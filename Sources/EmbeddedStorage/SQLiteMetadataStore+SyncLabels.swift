import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func syncedSpokenLabels(itemIds: [String]) async throws -> [SyncSpokenLabel] {
        guard !itemIds.isEmpty else { return [] }
        return try await pool.read { db in
            try Set(itemIds).sorted().compactMap { itemId in
                let parts = itemId.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return nil }
                return try Self.spokenLabelState(language: parts[0], key: parts[1], db)
            }
        }
    }

    /// The label's take here, or its removal; nil when it was never recorded.
    static func spokenLabelState(language: String, key: String, _ db: Database) throws -> SyncSpokenLabel? {
        if let label = try SpokenLabel.fetchOne(db, key: ["language": language, "key": key]) {
            return SyncSpokenLabel(language: language, key: key, recordingId: label.recordingId, recordedBy: label.recordedBy,
                                   changedAt: label.recordedAt.millisecondsSince1970)
        }
        guard let removedAt = try Int64.fetchOne(db, sql: "SELECT removedAt FROM syncLabelRemoval WHERE language = ? AND key = ?",
                                                 arguments: [language, key]) else { return nil }
        return SyncSpokenLabel(language: language, key: key, recordingId: nil, recordedBy: nil, changedAt: removedAt)
    }

    /// The other side's labels: each takes its take or removal when that is later than what is
    /// here (see ``SyncSpokenLabel/wins(over:)``). A take not held here arrives with its row: public,
    /// of no group, owned by its speaker when they are a person here (with their consent, as
    /// recording a label gives it), else by nobody. A take a label stops playing goes as
    /// ``retireTake(_:_:_:)`` says.
    static func applySpokenLabels(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ db: Database, report: inout SyncApplyReport,
                                  released: (RecordingBlob) throws -> Void) throws {
        for incoming in batch.spokenLabels.sorted(by: { $0.itemId < $1.itemId }) {
            try beforeEachItem()
            let held = try spokenLabelState(language: incoming.language, key: incoming.key, db)
            guard held.map({ incoming.wins(over: $0) }) ?? true else { report.skipped += 1; continue }
            let previous = held?.recordingId
            guard let recordingId = incoming.recordingId else {
                try SpokenLabel.filter(key: ["language": incoming.language, "key": incoming.key]).deleteAll(db)
                try db.execute(sql: """
                    INSERT INTO syncLabelRemoval (language, key, removedAt) VALUES (?, ?, ?)
                    ON CONFLICT (language, key) DO UPDATE SET removedAt = excluded.removedAt
                    """, arguments: [incoming.language, incoming.key, incoming.changedAt])
                if let previous { try retireTake(previous, db, released) }
                report.labelsChanged += 1
                continue
            }
            guard try takeIsHere(recordingId, incoming.recording, db) else { report.skipped += 1; continue }
            let speaker = try incoming.recordedBy.flatMap { try Person.filter(key: $0).fetchCount(db) > 0 ? $0 : nil }
            let at = incoming.changedAt
            if held?.recordingId != nil {
                // Two writes, so the stamping trigger never takes this clock for a new take made here.
                try db.execute(sql: "UPDATE spokenLabel SET recordedAt = -1 WHERE language = ? AND key = ?",
                               arguments: [incoming.language, incoming.key])
                try db.execute(sql: "UPDATE spokenLabel SET recordingId = ?, recordedBy = ?, recordedAt = ? WHERE language = ? AND key = ?",
                               arguments: [recordingId, speaker, at, incoming.language, incoming.key])
            } else {
                try SpokenLabel(language: incoming.language, key: incoming.key, recordingId: recordingId, recordedBy: speaker,
                                recordedAt: Date(millisecondsSince1970: at)).insert(db)
            }
            if let previous, previous != recordingId { try retireTake(previous, db, released) }
            report.labelsChanged += 1
        }
    }

    /// True when the take is here, public and of no group (as label takes are: never a group's
    /// recording), or arrives now with its row (its file is published).
    static func takeIsHere(_ recordingId: String, _ arriving: Recording?, _ db: Database) throws -> Bool {
        if let row = try Recording.filter(publicId: recordingId).fetchOne(db) { return row.visibility == .public && row.groupId == nil }
        guard var row = arriving, row.id == recordingId, try !isWithdrawn(recordingId, db), try !isDeleted(recordingId, db) else { return false }
        row.seq = nil
        row.peaksSha256 = nil
        row.groupId = nil
        row.visibility = .public
        row.sharedWithMentor = false
        if let owner = row.ownerId, try Person.filter(key: owner).fetchCount(db) == 0 { row.ownerId = nil }
        try row.insert(db)
        if let owner = row.ownerId {
            try Consent(recordingId: row.id, personId: owner, visibility: .public, method: .tap).insert(db)
        }
        return true
    }

    /// A take no label plays any more: a copy (it came from a peer, or nobody here owns it) goes;
    /// a take recorded here is given back to its speaker as a private recording, as
    /// `LabelService` does for one it may not withdraw.
    static func retireTake(_ recordingId: String, _ db: Database, _ released: (RecordingBlob) throws -> Void) throws {
        guard try SpokenLabel.filter(Column("recordingId") == recordingId).fetchCount(db) == 0,
              let row = try Recording.filter(publicId: recordingId).fetchOne(db), row.groupId == nil else { return }
        // A copy: its row came from a peer (its first change in the log is a peer's).
        let copy = try Bool.fetchOne(db, sql: "SELECT origin IS NOT NULL FROM syncChange WHERE kind = 'recording' AND itemId = ? ORDER BY seq LIMIT 1",
                                     arguments: [recordingId]) ?? false
        if row.ownerId == nil || copy {
            try Recording.filter(publicId: recordingId).deleteAll(db)
            try release(row, db, released)
        } else {
            try db.execute(sql: "UPDATE recording SET visibility = 'private', sharedWithMentor = 0 WHERE id = ?", arguments: [recordingId])
        }
    }
}
