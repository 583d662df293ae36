import Foundation
import GRDB
import Storage
import Transcripts

extension SQLiteMetadataStore {
    /// The current transcriptions, in `language` (any region of it: `fr` finds `fr-FR`), of the
    /// group's other recordings that the viewer may hear, newest first: where a gap-fill finds
    /// its wrong tiles.
    public func groupTranscriptions(groupId: String, language: String, excluding recordingId: String, visibleTo viewer: Viewer,
                                    limit: Int) async throws -> [StoredTranscript] {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? language
        let (condition, hearing) = Self.hearingCondition(viewer)
        var arguments = hearing
        arguments += ["group": groupId, "exclude": recordingId, "primary": primary, "prefix": primary + "-%", "limit": limit]
        let rows = try await pool.read { [arguments] db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, t.language FROM recording r JOIN transcript t ON t.recordingId = r.id
                JOIN transcriptRevision v ON v.transcriptId = t.id AND v.revision = t.currentRevision AND v.kind = 'transcription'
                WHERE r.groupId = :group AND r.id != :exclude AND (t.language = :primary OR t.language LIKE :prefix) AND \(condition)
                ORDER BY r.seq DESC LIMIT :limit
                """, arguments: arguments).map { (id: $0["id"] as String, language: $0["language"] as String) }
        }
        var found: [StoredTranscript] = []
        for row in rows {
            if let stored = try await transcript(recordingId: row.id, language: row.language), stored.transcript.kind == .transcription {
                found.append(stored)
            }
        }
        return found
    }
}
