import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    public func scenarioRevisions(slug: String) async throws -> [SyncScenarioRevision] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scenarioRevision WHERE slug = ? ORDER BY number", arguments: [slug]).map(Self.syncScenarioRevision)
        }
    }

    static func syncScenarioRevision(_ row: Row) -> SyncScenarioRevision {
        SyncScenarioRevision(syncId: row["syncId"], parents: (row["parents"] as String).split(separator: " ").map(String.init).sorted(),
                             slug: row["slug"], body: row["body"], authorId: row["authorId"], message: row["message"],
                             createdAt: Date(millisecondsSince1970: row["createdAt"]))
    }

    /// Applies the batch's scenarios and their revisions: a scenario of the group is created where
    /// it is missing; revisions merge by id; the current one is the head saved last (the same
    /// millisecond: the larger id), and two heads are kept as a conflict the editor shows.
    /// Scenarios shipped as files (each side has its own) and those of another group are left alone.
    /// A scenario held here takes the other side's later visibility; one whose visibility here is
    /// the later is added to `answerBack`.
    static func applyScenarios(_ batch: SyncBatch, beforeEachItem: () throws -> Void, _ db: Database, report: inout SyncApplyReport,
                               answerBack: inout [(SyncItemKind, String)]) throws {
        let groupId = batch.pair.groupId
        let clocks = batch.editClocksByItem
        func ours(_ slug: String) throws -> Bool {
            guard let record = try ScenarioRecord.fetchOne(db, key: slug) else { return false }
            return record.groupId == groupId && record.seedFile == nil
        }
        for var record in batch.scenarios {
            try beforeEachItem()
            let clock = clocks["scenario \(record.slug)"] ?? 0
            guard record.groupId == groupId else { report.skipped += 1; continue }
            if let held = try ScenarioRecord.fetchOne(db, key: record.slug) {
                guard held.groupId == groupId, held.seedFile == nil else {
                    report.skipped += 1
                    report.scenariosNotTaken.append(record.slug)
                    continue
                }
                switch try applyEdit(record, held: held, clock: clock, db) {
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
            if let creator = record.createdBy, try Person.filter(key: creator).fetchCount(db) == 0 { record.createdBy = nil }
            try record.insert(db)
            try keepClock(.scenario, record.slug, clock, db)
        }
        var touched: Set<String> = []
        for revision in batch.scenarioRevisions {
            try beforeEachItem()
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scenarioRevision WHERE syncId = ?", arguments: [revision.syncId]) == 0,
                  try ours(revision.slug) else { report.skipped += 1; continue }
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM scenarioRevision WHERE slug = ?",
                                          arguments: [revision.slug]) ?? 1
            let author = try revision.authorId.flatMap { try Person.filter(key: $0).fetchCount(db) > 0 ? $0 : nil }
            try db.execute(sql: """
                INSERT INTO scenarioRevision (slug, number, body, authorId, message, createdAt, syncId, parents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [revision.slug, number, revision.body, author, revision.message, revision.createdAt.millisecondsSince1970,
                                 revision.syncId, revision.parents.sorted().joined(separator: " ")])
            touched.insert(revision.slug)
            report.scenarioRevisionsAdded += 1
        }
        for slug in touched.sorted() where try settleScenario(slug: slug, db) {
            report.scenarioConflicts.append(slug)
        }
    }

    /// Makes the scenario's head saved last current; with more than one head, keeps the next one's
    /// Markdown as a conflict (as a shipped file that changed after trainers' edits is kept) until a
    /// trainer saves the scenario, which builds on every head. True when a conflict remains.
    static func settleScenario(slug: String, _ db: Database) throws -> Bool {
        let rows = try Row.fetchAll(db, sql: "SELECT syncId, parents, number, body, createdAt FROM scenarioRevision WHERE slug = ?",
                                    arguments: [slug])
        let parents = Set(rows.flatMap { ($0["parents"] as String).split(separator: " ").map(String.init) })
        let heads = rows.filter { !parents.contains($0["syncId"] as String) }
            .sorted { (($0["createdAt"] as Int64), $0["syncId"] as String) > (($1["createdAt"] as Int64), $1["syncId"] as String) }
        guard let current = heads.first else { return false }
        let number: Int = current["number"]
        try db.execute(sql: "UPDATE scenario SET currentRevision = ? WHERE slug = ?", arguments: [number, slug])
        guard heads.count > 1 else {
            try ScenarioSeedConflict.filter(key: slug).filter(Column("seedFile") == ScenarioSeedConflict.otherServer).deleteAll(db)
            return false
        }
        let other: String = heads[1]["body"]
        try ScenarioSeedConflict(slug: slug, seedFile: ScenarioSeedConflict.otherServer, fileBody: other,
                                 fileHash: ContentHash.sha256(Array(other.utf8)), currentRevision: number,
                                 detectedAt: Date()).save(db)
        return true
    }
}
