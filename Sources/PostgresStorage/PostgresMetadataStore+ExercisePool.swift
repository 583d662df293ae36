import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// The current transcriptions, in `language` (any region of it: `fr` finds `fr-FR`), of the
    /// group's other recordings that the viewer may hear, newest first: where a gap-fill finds
    /// its wrong tiles.
    public func groupTranscriptions(groupId: String, language: String, excluding recordingId: String, visibleTo viewer: Viewer,
                                    limit: Int) async throws -> [StoredTranscript] {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? language
        var query = BoundQuery()
        let condition = Self.hearingCondition(viewer, &query)
        query.append("""
            SELECT r.id, t.language FROM recording r JOIN transcript t ON t.recordingId = r.id
            JOIN transcriptRevision v ON v.transcriptId = t.id AND v.revision = t.currentRevision AND v.kind = 'transcription'
            WHERE r.groupId = \(query.bind(groupId)) AND r.id != \(query.bind(recordingId))
            AND (t.language = \(query.bind(primary)) OR t.language ILIKE \(query.bind(primary + "-%"))) AND \(condition)
            ORDER BY r.seq DESC LIMIT \(query.bind(limit))
            """)
        var found: [StoredTranscript] = []
        for row in try await rows(query) {
            if let stored = try await transcript(recordingId: try row["id"], language: try row["language"], revision: nil),
               stored.transcript.kind == .transcription {
                found.append(stored)
            }
        }
        return found
    }
}
