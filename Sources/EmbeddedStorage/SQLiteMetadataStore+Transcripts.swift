import Foundation
import GRDB
import Storage
import Transcripts

extension SQLiteMetadataStore {
    /// Stores `transcript` as the next revision of the recording's transcript in its language (the
    /// first revision when there is none) and re-indexes it for search, in one write.
    ///
    /// - Parameter expectedRevision: when given, the save fails with `.conflict` unless the current
    ///   revision is this one (the client edited what it read, nobody saved in between).
    /// - Throws: `StorageError` `.notFound` when the recording does not exist, `.conflict` as above.
    public func saveTranscript(_ transcript: Transcript, recordingId: String, change: TranscriptChange, authorId: String?,
                               expectedRevision: Int? = nil, now: Date = Date()) async throws -> StoredTranscript {
        try await pool.write { db in
            guard try Recording.filter(publicId: recordingId).fetchCount(db) > 0 else {
                throw StorageError(code: .notFound, message: "no recording \(recordingId)")
            }
            let existing = try Row.fetchOne(db, sql: "SELECT id, currentRevision FROM transcript WHERE recordingId = ? AND language = ?",
                                             arguments: [recordingId, transcript.language])
            let current: Int = existing?["currentRevision"] ?? 0
            if let expectedRevision, expectedRevision != current {
                throw StorageError(code: .conflict, message: "the transcript is at revision \(current), not \(expectedRevision)")
            }
            let transcriptId: Int64
            // The next number after every revision's, not after the current one's: revisions that
            // arrived from another server may be numbered past the current one.
            var next = 1
            if let existing {
                transcriptId = existing["id"]
                next = try Int.fetchOne(db, sql: "SELECT MAX(revision) + 1 FROM transcriptRevision WHERE transcriptId = ?",
                                        arguments: [transcriptId]) ?? current + 1
                try db.execute(sql: "UPDATE transcript SET currentRevision = ? WHERE id = ?", arguments: [next, transcriptId])
            } else {
                try db.execute(sql: "INSERT INTO transcript (recordingId, language, currentRevision) VALUES (?, ?, 1)",
                               arguments: [recordingId, transcript.language])
                transcriptId = db.lastInsertedRowID
            }
            let createdAt = Date(millisecondsSince1970: now.millisecondsSince1970)
            try db.execute(sql: """
                INSERT INTO transcriptRevision (transcriptId, revision, kind, text, change, authorId, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [transcriptId, next, transcript.kind.rawValue, transcript.text, change.rawValue, authorId,
                                 createdAt.millisecondsSince1970])
            try Self.insertSegments(of: transcript, revisionId: db.lastInsertedRowID, db)
            try Self.reindex(transcript, transcriptId: transcriptId, db)
            return StoredTranscript(recordingId: recordingId, revision: next, change: change, authorId: authorId,
                                    createdAt: createdAt, transcript: transcript)
        }
    }

    /// The recording's transcript in `language`: its current revision, or the one asked for.
    public func transcript(recordingId: String, language: String, revision: Int? = nil) async throws -> StoredTranscript? {
        try await pool.read { db in
            let condition = revision == nil ? "v.revision = t.currentRevision" : "v.revision = :revision"
            guard let row = try Row.fetchOne(db, sql: """
                SELECT v.* FROM transcript t JOIN transcriptRevision v ON v.transcriptId = t.id
                WHERE t.recordingId = :recording AND t.language = :language AND \(condition)
                """, arguments: ["recording": recordingId, "language": language, "revision": revision]) else { return nil }
            return try Self.stored(row, recordingId: recordingId, language: language, db)
        }
    }

    /// The current revision of every transcript of the recording, by language.
    public func transcripts(recordingId: String) async throws -> [StoredTranscript] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT v.*, t.language AS transcriptLanguage FROM transcript t
                JOIN transcriptRevision v ON v.transcriptId = t.id AND v.revision = t.currentRevision
                WHERE t.recordingId = ? ORDER BY t.language
                """, arguments: [recordingId])
            return try rows.map { try Self.stored($0, recordingId: recordingId, language: $0["transcriptLanguage"], db) }
        }
    }

    /// Every revision of the recording's transcript in `language`, oldest first, without their segments.
    public func transcriptRevisions(recordingId: String, language: String) async throws -> [TranscriptRevisionInfo] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.revision, v.kind, v.change, v.authorId, v.createdAt FROM transcript t
                JOIN transcriptRevision v ON v.transcriptId = t.id
                WHERE t.recordingId = ? AND t.language = ? ORDER BY v.revision
                """, arguments: [recordingId, language]).map { row in
                TranscriptRevisionInfo(revision: row["revision"], kind: TranscriptKind(rawValue: row["kind"]) ?? .transcription,
                                       change: TranscriptChange(rawValue: row["change"]) ?? .text, authorId: row["authorId"],
                                       createdAt: Date(millisecondsSince1970: row["createdAt"]))
            }
        }
    }

    /// Deletes the transcript with all its revisions; false when there was none.
    public func deleteTranscript(recordingId: String, language: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM transcript WHERE recordingId = ? AND language = ?", arguments: [recordingId, language])
            return db.changesCount > 0
        }
    }

    static func insertSegments(of transcript: Transcript, revisionId: Int64, _ db: Database) throws {
        let segment = try db.makeStatement(sql: """
            INSERT INTO transcriptSegment (revisionId, position, text, startMs, endMs, origin, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let word = try db.makeStatement(sql: """
            INSERT INTO transcriptWord (revisionId, segment, position, text, offset, length, startMs, endMs, origin, confidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (s, part) in transcript.segments.enumerated() {
            try segment.execute(arguments: [revisionId, s, part.text, part.startMs, part.endMs, part.origin?.rawValue, part.confidence])
            for (w, item) in part.words.enumerated() {
                try word.execute(arguments: [revisionId, s, w, item.text, item.offset, item.length, item.startMs, item.endMs,
                                             item.origin?.rawValue, item.confidence])
            }
        }
    }

    /// Replaces the transcript's rows in the search index with its current segments.
    static func reindex(_ transcript: Transcript, transcriptId: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM transcriptSearch WHERE transcriptId = ?", arguments: [transcriptId])
        let insert = try db.makeStatement(sql: "INSERT INTO transcriptSearch (text, transcriptId, segment, startMs) VALUES (?, ?, ?, ?)")
        for (index, segment) in transcript.segments.enumerated() {
            try insert.execute(arguments: [segment.text, transcriptId, index, segment.startMs])
        }
    }

    /// A revision row back to a value, with its segments and words.
    static func stored(_ row: Row, recordingId: String, language: String, _ db: Database) throws -> StoredTranscript {
        let revisionId: Int64 = row["id"]
        var segments = try Row.fetchAll(db, sql: "SELECT * FROM transcriptSegment WHERE revisionId = ? ORDER BY position",
                                        arguments: [revisionId]).map { s in
            TranscriptSegment(text: s["text"], startMs: s["startMs"], endMs: s["endMs"], origin: (s["origin"] as String?).flatMap(TimingOrigin.init),
                              confidence: s["confidence"], words: [])
        }
        for w in try Row.fetchAll(db, sql: "SELECT * FROM transcriptWord WHERE revisionId = ? ORDER BY segment, position",
                                  arguments: [revisionId]) {
            let index: Int = w["segment"]
            guard segments.indices.contains(index) else { continue }
            segments[index].words.append(TranscriptWord(
                text: w["text"], offset: w["offset"], length: w["length"], startMs: w["startMs"], endMs: w["endMs"],
                origin: (w["origin"] as String?).flatMap(TimingOrigin.init), confidence: w["confidence"]))
        }
        let transcript = Transcript(language: language, kind: TranscriptKind(rawValue: row["kind"]) ?? .transcription,
                                    text: row["text"], segments: segments)
        return StoredTranscript(recordingId: recordingId, revision: row["revision"], change: TranscriptChange(rawValue: row["change"]) ?? .text,
                                authorId: row["authorId"], createdAt: Date(millisecondsSince1970: row["createdAt"]), transcript: transcript)
    }
}
