import Foundation
import Transcripts

/// One transcript revision as it travels: its id on every server, the revisions it was made
/// from (two when an edit settled a conflict), and its content.
public struct SyncTranscriptRevision: Codable, Sendable, Equatable {
    /// Random, the same on every server (local revision numbers may differ between servers).
    public var syncId: String
    /// The `syncId`s of the revisions that were current (the heads) when this one was saved.
    public var parents: [String]
    public var recordingId: String
    public var change: TranscriptChange
    public var authorId: String?
    public var createdAt: Date
    public var transcript: Transcript

    public init(syncId: String, parents: [String], recordingId: String, change: TranscriptChange, authorId: String?, createdAt: Date,
                transcript: Transcript) {
        self.syncId = syncId
        self.parents = parents
        self.recordingId = recordingId
        self.change = change
        self.authorId = authorId
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
        self.transcript = transcript
    }
}

/// A transcript with more than one head: two people edited it apart (offline), neither edit
/// built on the other. The current revision is the head saved last (ties: the larger `syncId`);
/// a trainer settles it by saving a new revision, which builds on every head.
public struct TranscriptConflict: Sendable, Equatable {
    public var recordingId: String
    public var language: String
    /// The heads' `syncId`s, the current one first.
    public var heads: [String]

    public init(recordingId: String, language: String, heads: [String]) {
        self.recordingId = recordingId
        self.language = language
        self.heads = heads
    }
}
