import Foundation
import Transcripts

/// Transcripts of recordings, every revision kept, and the search over them.
public protocol TranscriptStore: Sendable {
    /// Saves a new revision; `StorageError.conflict` when `expectedRevision` is not the current one.
    func saveTranscript(_ transcript: Transcript, recordingId: String, change: TranscriptChange, authorId: String?,
                        expectedRevision: Int?, now: Date) async throws -> StoredTranscript
    /// The current revision, or the one numbered `revision`.
    func transcript(recordingId: String, language: String, revision: Int?) async throws -> StoredTranscript?
    func transcripts(recordingId: String) async throws -> [StoredTranscript]
    func transcriptRevisions(recordingId: String, language: String) async throws -> [TranscriptRevisionInfo]
    func deleteTranscript(recordingId: String, language: String) async throws -> Bool
    /// Segments matching every word of `query` (accents and case folded, the last word a prefix),
    /// of recordings the viewer may hear; whole-word matches first, newest transcript first.
    func searchTranscripts(_ query: String, language: String?, visibleTo viewer: Viewer, limit: Int) async throws -> [TranscriptSearchHit]
    /// Timed transcripts in `language` of other recordings of the group the viewer may hear (the
    /// gap-fill's pool of distractors).
    func groupTranscriptions(groupId: String, language: String, excluding recordingId: String, visibleTo viewer: Viewer,
                             limit: Int) async throws -> [StoredTranscript]
}

extension TranscriptStore {
    public func saveTranscript(_ transcript: Transcript, recordingId: String, change: TranscriptChange, authorId: String?,
                               expectedRevision: Int? = nil) async throws -> StoredTranscript {
        try await saveTranscript(transcript, recordingId: recordingId, change: change, authorId: authorId,
                                 expectedRevision: expectedRevision, now: Date())
    }
    public func transcript(recordingId: String, language: String) async throws -> StoredTranscript? {
        try await transcript(recordingId: recordingId, language: language, revision: nil)
    }
    public func searchTranscripts(_ query: String, language: String? = nil, visibleTo viewer: Viewer) async throws -> [TranscriptSearchHit] {
        try await searchTranscripts(query, language: language, visibleTo: viewer, limit: 20)
    }
}
