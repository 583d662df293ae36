import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func scenarioRevisions(slug: String) async throws -> [SyncScenarioRevision] {
        try await rows("SELECT * FROM scenarioRevision WHERE slug = \(slug) ORDER BY number").map(Self.syncScenarioRevision)
    }

    static func syncScenarioRevision(_ row: RowReader) throws -> SyncScenarioRevision {
        SyncScenarioRevision(syncId: try row["syncId"], parents: parents(try row["parents"]), slug: try row["slug"], body: try row["body"],
                             authorId: try row["authorId"], message: try row["message"], createdAt: try row.date("createdAt"))
    }

    /// Applies the batch's scenarios and their revisions: a scenario of the group is created where
    /// it is missing; revisions merge by id; the current one is the head saved last (the same
    /// millisecond: the larger id), and two heads are kept as a conflict the editor shows.
    /// Scenarios shipped as files (each side has its own) and those of another group are left alone.
    /// A scenario held here takes the other side's later visibility; one whose visibility here is
    /// the later is added to `answerBack`.
    static func applyScenarios(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ transaction: Transaction,
                               report: inout SyncApplyReport, answerBack: inout [(SyncItemKind, String)]) async throws {
        let groupId = batch.pair.groupId
        let clocks = batch.editClocksByItem
        func held(_ slug: String) async throws -> ScenarioRecord? {
            try await transaction.rows("SELECT * FROM scenario WHERE slug = \(slug)").first.map(ScenarioRecord.init(row:))
        }
        for var record in batch.scenarios {
            try beforeEachItem()
            let clock = clocks["scenario \(record.slug)"] ?? 0
            guard record.groupId == groupId else { report.skipped += 1; continue }
            if let held = try await held(record.slug) {
                guard held.groupId == groupId, held.seedFile == nil else {
                    report.skipped += 1
                    report.scenariosNotTaken.append(record.slug)
                    continue
                }
                switch try await applyEdit(record, held: held, clock: clock, transaction) {
                case .taken: report.edited += 1
                case .kept: answerBack.append((.scenario, record.slug))
                case .same: break
                }
                continue
            }
            record.currentRevision = 0  // set once its revisions are in
            record.seedFile = nil
            record.seedHash = nil
            record.seedRevision = nil
            if try await !isPerson(record.createdBy, transaction) { record.createdBy = nil }
            try await insert(record, transaction)
            try await keepClock(.scenario, record.slug, clock, transaction)
        }
        var touched: Set<String> = []
        for revision in batch.scenarioRevisions {
            try beforeEachItem()
            let ours = try await held(revision.slug).map { $0.groupId == groupId && $0.seedFile == nil } ?? false
            guard try await transaction.rows("SELECT 1 FROM scenarioRevision WHERE syncId = \(revision.syncId)").isEmpty, ours else {
                report.skipped += 1
                continue
            }
            let number: Int = try await transaction.rows("""
                SELECT COALESCE(MAX(number), 0) + 1 AS next FROM scenarioRevision WHERE slug = \(revision.slug)
                """).first?["next"] ?? 1
            let author = try await isPerson(revision.authorId, transaction) ? revision.authorId : nil
            try await transaction.run("""
                INSERT INTO scenarioRevision (slug, number, body, authorId, message, createdAt, syncId, parents)
                VALUES (\(revision.slug), \(number), \(revision.body), \(author), \(revision.message), \(revision.createdAt.millisecondsSince1970),
                \(revision.syncId), \(revision.parents.sorted().joined(separator: " ")))
                """)
            touched.insert(revision.slug)
            report.scenarioRevisionsAdded += 1
        }
        for slug in touched.sorted() {
            if try await settleScenario(slug: slug, transaction) { report.scenarioConflicts.append(slug) }
        }
    }

    /// Makes the scenario's head saved last current; with more than one head, keeps the next one's
    /// Markdown as a conflict (as a shipped file that changed after trainers' edits is kept) until a
    /// trainer saves the scenario, which builds on every head. True when a conflict remains.
    static func settleScenario(slug: String, _ transaction: Transaction) async throws -> Bool {
        let rows = try await transaction.rows("SELECT syncId, parents, number, body, createdAt FROM scenarioRevision WHERE slug = \(slug)")
        var parents: Set<String> = []
        var candidates: [(syncId: String, number: Int, body: String, createdAt: Int64)] = []
        for row in rows {
            parents.formUnion(Self.parents(try row["parents"]))
            candidates.append((try row["syncId"], try row["number"], try row["body"], try row["createdAt"]))
        }
        let heads = candidates.filter { !parents.contains($0.syncId) }.sorted { ($0.createdAt, $0.syncId) > ($1.createdAt, $1.syncId) }
        guard let current = heads.first else { return false }
        try await transaction.run("UPDATE scenario SET currentRevision = \(current.number) WHERE slug = \(slug)")
        guard heads.count > 1 else {
            try await transaction.run("DELETE FROM scenarioSeedConflict WHERE slug = \(slug) AND seedFile = \(ScenarioSeedConflict.otherServer)")
            return false
        }
        let other = heads[1].body
        try await transaction.run("""
            INSERT INTO scenarioSeedConflict (slug, seedFile, fileBody, fileHash, currentRevision, detectedAt)
            VALUES (\(slug), \(ScenarioSeedConflict.otherServer), \(other), \(ContentHash.sha256(Array(other.utf8))), \(current.number),
            \(Date().millisecondsSince1970))
            ON CONFLICT (slug) DO UPDATE SET seedFile = excluded.seedFile, fileBody = excluded.fileBody, fileHash = excluded.fileHash,
            currentRevision = excluded.currentRevision, detectedAt = excluded.detectedAt
            """)
        return true
    }
}
