import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// Segments matching `query` in the transcripts of recordings the viewer may hear: phrases
    /// holding every word whole first, then those where the last word is only a beginning; newest
    /// transcripts first within each, phrases in their order within a transcript.
    ///
    /// The query is taken as words (whatever punctuation or FTS5 syntax it holds): all must occur,
    /// the last may be the start of a word, and accents and case do not matter (`ecole` finds
    /// `École`). No relevance score is computed: FTS5's `bm25()` must count every phrase holding
    /// each word before it can rank one, which for a common word in 100,000 phrases costs more
    /// than the whole search may (measured: 20–45 ms against 0.1 ms for the newest 20 matches).
    public func searchTranscripts(_ query: String, language: String? = nil, visibleTo viewer: Viewer,
                                  limit: Int = 20) async throws -> [TranscriptSearchHit] {
        guard let words = TranscriptSearchText.words(query) else { return [] }
        let whole = Self.matchExpression(words, lastAsPrefix: false), beginning = Self.matchExpression(words, lastAsPrefix: true)
        return try await pool.read { db in
            var rows = try Self.matchingSegments(db, match: whole, language: language, viewer: viewer, limit: limit, skipping: [])
            if rows.count < limit {
                // Only the newest `limit` are ever needed, so the whole-word ones are skipped by rowid.
                rows += try Self.matchingSegments(db, match: beginning, language: language, viewer: viewer,
                                                  limit: limit - rows.count, skipping: rows.map { $0["rowid"] as Int64 })
            }
            return rows.map { row in
                let (snippet, matches) = TranscriptSearchText.unmark(row["snippet"])
                return TranscriptSearchHit(recordingId: row["recordingId"], language: row["language"], segment: row["segment"],
                                           startMs: row["startMs"], snippet: snippet, matches: matches)
            }
        }
    }

    /// The newest `limit` segments matching `match` that the viewer may hear, in reading order per
    /// transcript. FTS5 walks its index newest first and stops at the limit, so a word found in
    /// thousands of phrases costs no more than a rare one.
    private static func matchingSegments(_ db: Database, match: String, language: String?, viewer: Viewer,
                                         limit: Int, skipping: [Int64]) throws -> [Row] {
        let (condition, hearing) = hearingCondition(viewer)
        var arguments = hearing
        arguments += ["match": match, "limit": limit]
        var sql = """
            SELECT transcriptSearch.rowid AS rowid, t.recordingId, t.language, transcriptSearch.transcriptId,
                   transcriptSearch.segment, transcriptSearch.startMs,
                   snippet(transcriptSearch, 0, char(57344), char(57345), '…', 24) AS snippet
            FROM transcriptSearch JOIN transcript t ON t.id = transcriptSearch.transcriptId
            JOIN recording r ON r.id = t.recordingId
            WHERE transcriptSearch MATCH :match AND \(condition)
            """
        if let language {
            sql += " AND t.language = :language"
            arguments += ["language": language]
        }
        if !skipping.isEmpty {
            sql += " AND transcriptSearch.rowid NOT IN (\(skipping.map(String.init).joined(separator: ",")))"
        }
        sql += " ORDER BY transcriptSearch.rowid DESC LIMIT :limit"
        // The usual statement (nothing skipped) is compiled once per connection; one naming
        // rowids is used once and not kept.
        let statement = skipping.isEmpty ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        let rows = try Row.fetchAll(statement, arguments: arguments)
        // A transcript's segments are indexed together, in order: newest transcript first, its
        // phrases from the first on.
        let order = Dictionary(rows.enumerated().map { ($1["transcriptId"] as Int64, $0) }, uniquingKeysWith: min)
        return rows.sorted { a, b in
            let (ta, tb) = (order[a["transcriptId"] as Int64]!, order[b["transcriptId"] as Int64]!)
            return ta != tb ? ta < tb : (a["segment"] as Int) < (b["segment"] as Int)
        }
    }

    /// The FTS5 expression for those words: each quoted (so no character of theirs is FTS5
    /// syntax), all required, the last one also as a prefix when asked.
    static func matchExpression(_ words: [Substring], lastAsPrefix: Bool) -> String {
        words.enumerated().map { index, word in
            "\"\(word)\"" + (lastAsPrefix && index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }
}
