import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// Segments matching `query` in the transcripts of recordings the viewer may hear: phrases
    /// holding every word whole first, then those where the last word is only a beginning; newest
    /// transcripts first within each, phrases in their order within a transcript. The same rules
    /// as the embedded store: the query is taken as words (whatever punctuation or search syntax it
    /// holds), all must occur, the last may be the start of a word, accents and case do not matter.
    ///
    /// The words are matched with `tsquery`s on the GIN-indexed `tsvector`s of the
    /// `parlons_search` configuration (`unaccent`, then `simple`): no stemming, no stop words.
    public func searchTranscripts(_ query: String, language: String?, visibleTo viewer: Viewer, limit: Int) async throws -> [TranscriptSearchHit] {
        guard let words = TranscriptSearchText.words(query) else { return [] }
        let whole = Self.tsquery(words, lastAsPrefix: false), beginning = Self.tsquery(words, lastAsPrefix: true)
        var found = try await matchingSegments(whole, language: language, viewer: viewer, limit: limit, skipping: [])
        if found.count < limit {
            // Only the newest `limit` are ever needed, so the whole-word ones are skipped by rowId.
            found += try await matchingSegments(beginning, language: language, viewer: viewer, limit: limit - found.count,
                                                skipping: found.map(\.rowId))
        }
        return found.map(\.hit)
    }

    private struct Match {
        let rowId: Int64
        let transcriptId: Int64
        let hit: TranscriptSearchHit
    }

    /// The newest `limit` segments matching `tsquery` that the viewer may hear, in reading order
    /// per transcript, with their text marked where the words match (`ts_headline`).
    private func matchingSegments(_ tsquery: String, language: String?, viewer: Viewer, limit: Int, skipping: [Int64]) async throws -> [Match] {
        var query = BoundQuery()
        let condition = Self.hearingCondition(viewer, &query)
        let match = query.bind(tsquery)
        query.append("""
            SELECT s.rowId, s.transcriptId, t.recordingId, t.language, s.segment, s.startMs,
                   ts_headline('parlons_search', s.text, to_tsquery('parlons_search', \(match)),
                               'StartSel=\u{E000}, StopSel=\u{E001}, MaxWords=24, MinWords=12, HighlightAll=false') AS snippet
            FROM transcriptSearch s JOIN transcript t ON t.id = s.transcriptId JOIN recording r ON r.id = t.recordingId
            WHERE s.document @@ to_tsquery('parlons_search', \(match)) AND \(condition)
            """)
        if let language { query.append(" AND t.language = \(query.bind(language))") }
        if !skipping.isEmpty { query.append(" AND s.rowId <> ALL(\(query.bind(skipping)))") }
        query.append(" ORDER BY s.rowId DESC LIMIT \(query.bind(limit))")
        let rows = try await rows(query).map { row in
            let (snippet, matches) = TranscriptSearchText.unmark(try row["snippet"])
            return Match(rowId: try row["rowId"], transcriptId: try row["transcriptId"],
                         hit: TranscriptSearchHit(recordingId: try row["recordingId"], language: try row["language"], segment: try row["segment"],
                                                  startMs: try row["startMs"], snippet: snippet, matches: matches))
        }
        // A transcript's segments are indexed together, in order: newest transcript first, its
        // phrases from the first on.
        let order = Dictionary(rows.enumerated().map { ($1.transcriptId, $0) }, uniquingKeysWith: min)
        return rows.sorted { a, b in
            let (ta, tb) = (order[a.transcriptId]!, order[b.transcriptId]!)
            return ta != tb ? ta < tb : a.hit.segment < b.hit.segment
        }
    }

    /// The `tsquery` text for those words: each quoted as a lexeme (letters and digits only, so
    /// nothing in them is syntax), all required, the last one also as a prefix when asked.
    static func tsquery(_ words: [Substring], lastAsPrefix: Bool) -> String {
        words.enumerated().map { index, word in
            "'\(word)'" + (lastAsPrefix && index == words.count - 1 ? ":*" : "")
        }.joined(separator: " & ")
    }
}
