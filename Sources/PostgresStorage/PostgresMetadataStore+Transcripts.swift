import Foundation
import PostgresNIO
import Storage
import Transcripts

extension PostgresMetadataStore {
    /// Stores `transcript` as the next revision of the recording's transcript in its language (the
    /// first revision when there is none) and re-indexes it for search, in one transaction that
    /// holds the recording's transcript lock: two saves on any nodes never get one number.
    ///
    /// - Throws: `StorageError` `.notFound` when the recording does not exist, `.conflict` when
    ///   `expectedRevision` is not the current one.
    public func saveTranscript(_ transcript: Transcript, recordingId: String, change: TranscriptChange, authorId: String?,
                               expectedRevision: Int?, now: Date) async throws -> StoredTranscript {
        try await self.transaction("transcript of \(recordingId)") { transaction in
            try await transaction.lock("transcript \(recordingId)")
            guard try await !transaction.rows("SELECT 1 FROM recording WHERE id = \(recordingId)").isEmpty else {
                throw StorageError(code: .notFound, message: "no recording \(recordingId)")
            }
            let existing = try await transaction.rows("""
                SELECT id, currentRevision FROM transcript WHERE recordingId = \(recordingId) AND language = \(transcript.language)
                """).first
            let current: Int = try existing?["currentRevision"] ?? 0
            if let expectedRevision, expectedRevision != current {
                throw StorageError(code: .conflict, message: "the transcript is at revision \(current), not \(expectedRevision)")
            }
            let transcriptId: Int64
            // The next number after every revision's, not after the current one's: revisions that
            // arrived from another server may be numbered past the current one.
            var next = 1
            if let existing {
                transcriptId = try existing["id"]
                next = try await transaction.rows("SELECT MAX(revision) + 1 AS next FROM transcriptRevision WHERE transcriptId = \(transcriptId)")
                    .first?["next", as: Int?.self] ?? current + 1
                try await transaction.run("UPDATE transcript SET currentRevision = \(next) WHERE id = \(transcriptId)")
            } else {
                transcriptId = try await transaction.rows("""
                    INSERT INTO transcript (recordingId, language, currentRevision) VALUES (\(recordingId), \(transcript.language), 1)
                    RETURNING id
                    """).first?["id"] ?? 0
            }
            let createdAt = Date(millisecondsSince1970: now.millisecondsSince1970)
            let revisionId: Int64 = try await transaction.rows("""
                INSERT INTO transcriptRevision (transcriptId, revision, kind, text, change, authorId, createdAt)
                VALUES (\(transcriptId), \(next), \(transcript.kind.rawValue), \(transcript.text), \(change.rawValue), \(authorId),
                \(createdAt.millisecondsSince1970)) RETURNING id
                """).first?["id"] ?? 0
            try await Self.insertSegments(of: transcript, revisionId: revisionId, transaction)
            try await Self.reindex(transcript, transcriptId: transcriptId, transaction)
            return StoredTranscript(recordingId: recordingId, revision: next, change: change, authorId: authorId,
                                    createdAt: createdAt, transcript: transcript)
        }
    }

    /// The recording's transcript in `language`: its current revision, or the one asked for.
    public func transcript(recordingId: String, language: String, revision: Int?) async throws -> StoredTranscript? {
        var query = BoundQuery("SELECT v.* FROM transcript t JOIN transcriptRevision v ON v.transcriptId = t.id")
        query.append(" WHERE t.recordingId = \(query.bind(recordingId)) AND t.language = \(query.bind(language))")
        if let revision {
            query.append(" AND v.revision = \(query.bind(revision))")
        } else {
            query.append(" AND v.revision = t.currentRevision")
        }
        guard let row = try await rows(query).first else { return nil }
        return try await stored(row, recordingId: recordingId, language: language)
    }

    /// The current revision of every transcript of the recording, by language.
    public func transcripts(recordingId: String) async throws -> [StoredTranscript] {
        let found = try await rows("""
            SELECT v.*, t.language AS transcriptLanguage FROM transcript t
            JOIN transcriptRevision v ON v.transcriptId = t.id AND v.revision = t.currentRevision
            WHERE t.recordingId = \(recordingId) ORDER BY t.language COLLATE "C"
            """)
        var stored: [StoredTranscript] = []
        for row in found { stored.append(try await self.stored(row, recordingId: recordingId, language: try row["transcriptLanguage"])) }
        return stored
    }

    /// Every revision of the recording's transcript in `language`, oldest first, without their segments.
    public func transcriptRevisions(recordingId: String, language: String) async throws -> [TranscriptRevisionInfo] {
        try await rows("""
            SELECT v.revision, v.kind, v.change, v.authorId, v.createdAt FROM transcript t JOIN transcriptRevision v ON v.transcriptId = t.id
            WHERE t.recordingId = \(recordingId) AND t.language = \(language) ORDER BY v.revision
            """).map { row in
            TranscriptRevisionInfo(revision: try row["revision"], kind: TranscriptKind(rawValue: try row["kind"]) ?? .transcription,
                                   change: TranscriptChange(rawValue: try row["change"]) ?? .text, authorId: try row["authorId"],
                                   createdAt: try row.date("createdAt"))
        }
    }

    /// Deletes the transcript with all its revisions (and its search rows); false when there was none.
    public func deleteTranscript(recordingId: String, language: String) async throws -> Bool {
        try await transaction("transcript of \(recordingId)") { transaction in
            try await transaction.lock("transcript \(recordingId)")
            return try await !transaction.rows("""
                DELETE FROM transcript WHERE recordingId = \(recordingId) AND language = \(language) RETURNING id
                """).isEmpty
        }
    }

    /// The segments and words, one statement each: the rows travel as one JSON parameter.
    static func insertSegments(of transcript: Transcript, revisionId: Int64, _ transaction: Transaction) async throws {
        let segments = transcript.segments.enumerated().map { SegmentRow(index: $0, segment: $1) }
        guard !segments.isEmpty else { return }
        try await transaction.run("""
            INSERT INTO transcriptSegment (revisionId, position, text, startMs, endMs, origin, confidence)
            SELECT \(revisionId), s."position", s."text", s."startMs", s."endMs", s."origin", s."confidence"
            FROM jsonb_to_recordset(\(try SegmentRow.json(segments))::jsonb)
                 AS s("position" bigint, "text" text, "startMs" bigint, "endMs" bigint, "origin" text, "confidence" float8)
            """)
        let words = transcript.segments.enumerated().flatMap { index, segment in
            segment.words.enumerated().map { WordRow(segment: index, position: $0, word: $1) }
        }
        guard !words.isEmpty else { return }
        try await transaction.run("""
            INSERT INTO transcriptWord (revisionId, segment, position, text, charOffset, length, startMs, endMs, origin, confidence)
            SELECT \(revisionId), w."segment", w."position", w."text", w."offset", w."length", w."startMs", w."endMs", w."origin",
                   w."confidence"
            FROM jsonb_to_recordset(\(try SegmentRow.json(words))::jsonb)
                 AS w("segment" bigint, "position" bigint, "text" text, "offset" bigint, "length" bigint, "startMs" bigint,
                      "endMs" bigint, "origin" text, "confidence" float8)
            """)
    }

    /// Replaces the transcript's rows in the search index with its current segments; new rows get
    /// new `rowId`s, so the transcript becomes the newest.
    static func reindex(_ transcript: Transcript, transcriptId: Int64, _ transaction: Transaction) async throws {
        try await transaction.run("DELETE FROM transcriptSearch WHERE transcriptId = \(transcriptId)")
        let segments = transcript.segments.enumerated().map { SegmentRow(index: $0, segment: $1) }
        guard !segments.isEmpty else { return }
        try await transaction.run("""
            INSERT INTO transcriptSearch (transcriptId, segment, startMs, text, document)
            SELECT \(transcriptId), s."position", s."startMs", s."text", to_tsvector('parlons_search', s."text")
            FROM jsonb_to_recordset(\(try SegmentRow.json(segments))::jsonb) AS s("position" bigint, "text" text, "startMs" bigint)
            ORDER BY s."position"
            """)
    }

    private func stored(_ row: RowReader, recordingId: String, language: String) async throws -> StoredTranscript {
        try await Self.stored(row, recordingId: recordingId, language: language, self)
    }

    /// A revision row back to a value, with its segments and words.
    static func stored(_ row: RowReader, recordingId: String, language: String, _ source: some RowSource) async throws -> StoredTranscript {
        let revisionId: Int64 = try row["id"]
        var segments = try await source.rows("SELECT * FROM transcriptSegment WHERE revisionId = \(revisionId) ORDER BY position").map { s in
            TranscriptSegment(text: try s["text"], startMs: try s["startMs"], endMs: try s["endMs"],
                              origin: (try s["origin", as: String?.self]).flatMap(TimingOrigin.init), confidence: try s["confidence"],
                              words: [])
        }
        for w in try await source.rows("SELECT * FROM transcriptWord WHERE revisionId = \(revisionId) ORDER BY segment, position") {
            let index: Int = try w["segment"]
            guard segments.indices.contains(index) else { continue }
            segments[index].words.append(TranscriptWord(
                text: try w["text"], offset: try w["charOffset"], length: try w["length"], startMs: try w["startMs"], endMs: try w["endMs"],
                origin: (try w["origin", as: String?.self]).flatMap(TimingOrigin.init), confidence: try w["confidence"]))
        }
        let transcript = Transcript(language: language, kind: TranscriptKind(rawValue: try row["kind"]) ?? .transcription,
                                    text: try row["text"], segments: segments)
        return StoredTranscript(recordingId: recordingId, revision: try row["revision"],
                                change: TranscriptChange(rawValue: try row["change"]) ?? .text, authorId: try row["authorId"],
                                createdAt: try row.date("createdAt"), transcript: transcript)
    }
}
