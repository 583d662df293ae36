import Foundation
import GRDB

extension SQLiteMetadataStore {
    /// Segments matching `query` in the transcripts of recordings the viewer may hear, best first.
    ///
    /// The query is taken as words (whatever punctuation or FTS5 syntax it holds): all must occur,
    /// the last may be the start of a word, and accents and case do not matter (`ecole` finds
    /// `École`).
    public func searchTranscripts(_ query: String, language: String? = nil, visibleTo viewer: Viewer,
                                  limit: Int = 20) async throws -> [TranscriptSearchHit] {
        guard let match = Self.matchExpression(query) else { return [] }
        let (condition, hearing) = Self.hearingCondition(viewer)
        var arguments = hearing
        arguments += ["match": match, "limit": limit]
        var sql = """
            SELECT t.recordingId, t.language, transcriptSearch.segment, transcriptSearch.startMs,
                   snippet(transcriptSearch, 0, char(57344), char(57345), '…', 24) AS snippet
            FROM transcriptSearch JOIN transcript t ON t.id = transcriptSearch.transcriptId
            JOIN recording r ON r.id = t.recordingId
            WHERE transcriptSearch MATCH :match AND \(condition)
            """
        if let language {
            sql += " AND t.language = :language"
            arguments += ["language": language]
        }
        sql += " ORDER BY bm25(transcriptSearch) LIMIT :limit"
        return try await pool.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let (snippet, matches) = Self.unmark(row["snippet"])
                return TranscriptSearchHit(recordingId: row["recordingId"], language: row["language"], segment: row["segment"],
                                           startMs: row["startMs"], snippet: snippet, matches: matches)
            }
        }
    }

    /// The FTS5 expression for what a person typed: each word quoted (so no character of theirs
    /// is FTS5 syntax), all required, the last one also as a prefix. Nil when there is no word.
    static func matchExpression(_ query: String) -> String? {
        let words = query.split { !($0.isLetter || $0.isNumber) }.prefix(16)
        guard let last = words.last else { return nil }
        return (words.dropLast().map { "\"\($0)\"" } + ["\"\(last)\"*"]).joined(separator: " ")
    }

    /// Removes the snippet's match markers (U+E000 … U+E001), noting where they were.
    static func unmark(_ marked: String) -> (String, [[Int]]) {
        var text = "", matches: [[Int]] = [], start: Int?
        for scalar in marked.unicodeScalars {
            switch scalar.value {
            case 0xE000: start = text.utf16.count
            case 0xE001:
                if let begun = start { matches.append([begun, text.utf16.count - begun]) }
                start = nil
            default: text.unicodeScalars.append(scalar)
            }
        }
        return (text, matches)
    }
}
