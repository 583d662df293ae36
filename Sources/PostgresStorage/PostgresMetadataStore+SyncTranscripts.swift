import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    public func transcriptRevision(localId: Int64) async throws -> SyncTranscriptRevision? {
        guard let row = try await rows("""
            SELECT v.*, t.recordingId AS revisionRecordingId, t.language AS revisionLanguage FROM transcriptRevision v
            JOIN transcript t ON t.id = v.transcriptId WHERE v.id = \(localId)
            """).first else { return nil }
        return try await Self.syncRevision(row, self)
    }

    public func transcriptRevisions(recordingId: String) async throws -> [SyncTranscriptRevision] {
        var revisions: [SyncTranscriptRevision] = []
        for row in try await rows("""
            SELECT v.*, t.recordingId AS revisionRecordingId, t.language AS revisionLanguage FROM transcriptRevision v
            JOIN transcript t ON t.id = v.transcriptId WHERE t.recordingId = \(recordingId) ORDER BY t.language COLLATE "C", v.revision
            """) {
            revisions.append(try await Self.syncRevision(row, self))
        }
        return revisions
    }

    public func transcriptConflicts() async throws -> [TranscriptConflict] {
        var conflicts: [TranscriptConflict] = []
        for row in try await rows("SELECT id, recordingId, language FROM transcript ORDER BY recordingId COLLATE \"C\", language COLLATE \"C\"") {
            let heads = try await Self.transcriptHeads(transcriptId: try row["id"], self)
            guard heads.count > 1 else { continue }
            conflicts.append(TranscriptConflict(recordingId: try row["recordingId"], language: try row["language"], heads: heads.map(\.syncId)))
        }
        return conflicts
    }
}

extension PostgresMetadataStore {
    /// A revision row (with its transcript's recording and language) as it travels.
    static func syncRevision(_ row: RowReader, _ source: some RowSource) async throws -> SyncTranscriptRevision {
        let stored = try await stored(row, recordingId: try row["revisionRecordingId"], language: try row["revisionLanguage"], source)
        return SyncTranscriptRevision(syncId: try row["syncId"], parents: parents(try row["parents"]), recordingId: stored.recordingId,
                                      change: stored.change, authorId: stored.authorId, createdAt: stored.createdAt,
                                      transcript: stored.transcript)
    }

    /// The space-separated ids of a `parents` column, sorted.
    static func parents(_ column: String) -> [String] {
        column.split(separator: " ").map(String.init).sorted()
    }

    /// Revisions no other revision was made from, the current one (saved last, then larger id) first.
    static func transcriptHeads(transcriptId: Int64, _ source: some RowSource) async throws -> [(syncId: String, revision: Int)] {
        let rows = try await source.rows("SELECT syncId, parents, revision, createdAt FROM transcriptRevision WHERE transcriptId = \(transcriptId)")
        var parents: Set<String> = []
        var candidates: [(syncId: String, revision: Int, createdAt: Int64)] = []
        for row in rows {
            parents.formUnion(Self.parents(try row["parents"]))
            candidates.append((try row["syncId"], try row["revision"], try row["createdAt"]))
        }
        return candidates.filter { !parents.contains($0.syncId) }
            .sorted { ($0.createdAt, $0.syncId) > ($1.createdAt, $1.syncId) }
            .map { ($0.syncId, $0.revision) }
    }

    /// Inserts a revision from elsewhere, numbered after this server's; returns its transcript's id.
    static func insert(_ revision: SyncTranscriptRevision, _ transaction: Transaction) async throws -> Int64 {
        let language = revision.transcript.language
        let transcriptId: Int64
        if let id: Int64 = try await transaction.rows("""
            SELECT id FROM transcript WHERE recordingId = \(revision.recordingId) AND language = \(language)
            """).first?["id"] {
            transcriptId = id
        } else {
            transcriptId = try await transaction.rows("""
                INSERT INTO transcript (recordingId, language, currentRevision) VALUES (\(revision.recordingId), \(language), 0) RETURNING id
                """).first?["id"] ?? 0
        }
        let number: Int = try await transaction.rows("""
            SELECT COALESCE(MAX(revision), 0) + 1 AS next FROM transcriptRevision WHERE transcriptId = \(transcriptId)
            """).first?["next"] ?? 1
        let author = try await isPerson(revision.authorId, transaction) ? revision.authorId : nil
        let revisionId: Int64 = try await transaction.rows("""
            INSERT INTO transcriptRevision (transcriptId, revision, kind, text, change, authorId, createdAt, syncId, parents)
            VALUES (\(transcriptId), \(number), \(revision.transcript.kind.rawValue), \(revision.transcript.text), \(revision.change.rawValue),
            \(author), \(revision.createdAt.millisecondsSince1970), \(revision.syncId), \(revision.parents.sorted().joined(separator: " ")))
            RETURNING id
            """).first?["id"] ?? 0
        try await insertSegments(of: revision.transcript, revisionId: revisionId, transaction)
        return transcriptId
    }

    /// Makes the head saved last (ties: the larger id) current and indexes it; a conflict when
    /// more than one head remains.
    static func settleCurrent(transcriptId: Int64, _ transaction: Transaction) async throws -> TranscriptConflict? {
        let heads = try await transcriptHeads(transcriptId: transcriptId, transaction)
        guard let current = heads.first,
              let row = try await transaction.rows("""
                  SELECT v.*, t.recordingId AS revisionRecordingId, t.language AS revisionLanguage FROM transcriptRevision v
                  JOIN transcript t ON t.id = v.transcriptId WHERE v.syncId = \(current.syncId)
                  """).first else { return nil }
        try await transaction.run("UPDATE transcript SET currentRevision = \(current.revision) WHERE id = \(transcriptId)")
        let recordingId: String = try row["revisionRecordingId"], language: String = try row["revisionLanguage"]
        let stored = try await stored(row, recordingId: recordingId, language: language, transaction)
        try await reindex(stored.transcript, transcriptId: transcriptId, transaction)
        guard heads.count > 1 else { return nil }
        return TranscriptConflict(recordingId: recordingId, language: language, heads: heads.map(\.syncId))
    }

    /// True when `id` names a person here (nil: no).
    static func isPerson(_ id: String?, _ source: some RowSource) async throws -> Bool {
        guard let id else { return false }
        return try await !source.rows("SELECT 1 FROM person WHERE id = \(id)").isEmpty
    }
}
