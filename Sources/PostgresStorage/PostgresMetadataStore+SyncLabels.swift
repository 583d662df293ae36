import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func syncedSpokenLabels(itemIds: [String]) async throws -> [SyncSpokenLabel] {
        guard !itemIds.isEmpty else { return [] }
        var states: [SyncSpokenLabel] = []
        for itemId in Set(itemIds).sorted() {
            let parts = itemId.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let state = try await Self.spokenLabelState(language: parts[0], key: parts[1], self) else { continue }
            states.append(state)
        }
        return states
    }

    /// The label's take here, or its removal; nil when it was never recorded.
    static func spokenLabelState(language: String, key: String, _ source: some RowSource) async throws -> SyncSpokenLabel? {
        if let label = try await source.rows("SELECT * FROM spokenLabel WHERE language = \(language) AND key = \(key)")
            .first.map(SpokenLabel.init(row:)) {
            return SyncSpokenLabel(language: language, key: key, recordingId: label.recordingId, recordedBy: label.recordedBy,
                                   changedAt: label.recordedAt.millisecondsSince1970)
        }
        guard let removedAt: Int64 = try await source.rows("""
            SELECT removedAt FROM syncLabelRemoval WHERE language = \(language) AND key = \(key)
            """).first?["removedAt"] else { return nil }
        return SyncSpokenLabel(language: language, key: key, recordingId: nil, recordedBy: nil, changedAt: removedAt)
    }

    /// The other side's labels, as the embedded store applies them: each takes its take or removal
    /// when that is later than what is here (``SyncSpokenLabel/wins(over:)``). A take not held here
    /// arrives with its row: public, of no group, owned by its speaker when they are a person here
    /// (with their consent, as recording a label gives it), else by nobody. A take a label stops
    /// playing goes as ``retireTake(_:_:_:)`` says.
    static func applySpokenLabels(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ transaction: Transaction,
                                  report: inout SyncApplyReport, released: (RecordingBlob) throws -> Void) async throws {
        for incoming in batch.spokenLabels.sorted(by: { $0.itemId < $1.itemId }) {
            try beforeEachItem()
            try await transaction.lock("spoken label \(incoming.language) \(incoming.key)")
            let held = try await spokenLabelState(language: incoming.language, key: incoming.key, transaction)
            guard held.map({ incoming.wins(over: $0) }) ?? true else { report.skipped += 1; continue }
            let previous = held?.recordingId
            guard let recordingId = incoming.recordingId else {
                try await transaction.run("DELETE FROM spokenLabel WHERE language = \(incoming.language) AND key = \(incoming.key)")
                try await transaction.run("""
                    INSERT INTO syncLabelRemoval (language, key, removedAt) VALUES (\(incoming.language), \(incoming.key), \(incoming.changedAt))
                    ON CONFLICT (language, key) DO UPDATE SET removedAt = EXCLUDED.removedAt
                    """)
                if let previous { try await retireTake(previous, transaction, released) }
                report.labelsChanged += 1
                continue
            }
            guard try await takeIsHere(recordingId, incoming.recording, transaction) else { report.skipped += 1; continue }
            let speaker = try await isPerson(incoming.recordedBy, transaction) ? incoming.recordedBy : nil
            if held?.recordingId != nil {
                // Two writes, so the stamping trigger never takes this clock for a new take made here.
                try await transaction.run("UPDATE spokenLabel SET recordedAt = -1 WHERE language = \(incoming.language) AND key = \(incoming.key)")
                try await transaction.run("""
                    UPDATE spokenLabel SET recordingId = \(recordingId), recordedBy = \(speaker), recordedAt = \(incoming.changedAt)
                    WHERE language = \(incoming.language) AND key = \(incoming.key)
                    """)
            } else {
                // The removal it beats goes first, so the stamping trigger has nothing to stamp from.
                try await transaction.run("DELETE FROM syncLabelRemoval WHERE language = \(incoming.language) AND key = \(incoming.key)")
                try await transaction.run("""
                    INSERT INTO spokenLabel (language, key, recordingId, recordedBy, recordedAt)
                    VALUES (\(incoming.language), \(incoming.key), \(recordingId), \(speaker), \(incoming.changedAt))
                    """)
            }
            if let previous, previous != recordingId { try await retireTake(previous, transaction, released) }
            report.labelsChanged += 1
        }
    }

    /// True when the take is here, public and of no group (as label takes are: never a group's
    /// recording), or arrives now with its row (its file is published).
    static func takeIsHere(_ recordingId: String, _ arriving: Recording?, _ transaction: Transaction) async throws -> Bool {
        if let row = try await transaction.rows("SELECT \(unescaped: Recording.columns) FROM recording r WHERE r.id = \(recordingId)")
            .first.map(Recording.init(row:)) {
            return row.visibility == .public && row.groupId == nil
        }
        guard var row = arriving, row.id == recordingId, try await !isWithdrawn(recordingId, transaction),
              try await !isDeleted(recordingId, transaction) else { return false }
        row.seq = nil
        row.peaksSha256 = nil
        row.groupId = nil
        row.visibility = .public
        row.sharedWithMentor = false
        if let owner = row.ownerId, try await !isPerson(owner, transaction) { row.ownerId = nil }
        _ = try await row.inserted(transaction)
        if let owner = row.ownerId {
            try await insert(Consent(recordingId: row.id, personId: owner, visibility: .public, method: .tap), transaction)
        }
        return true
    }

    /// A take no label plays any more: a copy (it came from a peer, or nobody here owns it) goes;
    /// a take recorded here is given back to its speaker as a private recording, as
    /// `LabelService` does for one it may not withdraw.
    static func retireTake(_ recordingId: String, _ transaction: Transaction, _ released: (RecordingBlob) throws -> Void) async throws {
        guard try await transaction.rows("SELECT 1 FROM spokenLabel WHERE recordingId = \(recordingId)").isEmpty,
              let row = try await transaction.rows("SELECT \(unescaped: Recording.columns) FROM recording r WHERE r.id = \(recordingId)")
                .first.map(Recording.init(row:)), row.groupId == nil else { return }
        // A copy: its row came from a peer (its first change in the log is a peer's; those of this
        // transaction, not numbered until it commits, come after every numbered one).
        let first = try await transaction.rows("""
            SELECT origin FROM syncChange WHERE kind = 'recording' AND itemId = \(recordingId) ORDER BY seq NULLS LAST, id LIMIT 1
            """).first
        let origin: String? = try first.flatMap { row -> String? in try row["origin"] }
        let copy = origin != nil
        if row.ownerId == nil || copy {
            try await transaction.run("DELETE FROM recording WHERE id = \(recordingId)")
            try await release(row, transaction, released)
        } else {
            try await transaction.run("UPDATE recording SET visibility = 'private', sharedWithMentor = false WHERE id = \(recordingId)")
        }
    }
}
