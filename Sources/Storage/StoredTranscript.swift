import Foundation
import Transcripts

/// A transcript as stored: the value itself, and which revision of which recording's transcript it
/// is, who made that revision, how and when.
public struct StoredTranscript: Sendable, Equatable {
    public let recordingId: String
    /// 1 for the first version; every edit adds one.
    public let revision: Int
    public let change: TranscriptChange
    /// Who made this revision (nil once that person is deleted).
    public let authorId: String?
    public let createdAt: Date
    public let transcript: Transcript

    public init(recordingId: String, revision: Int, change: TranscriptChange, authorId: String?, createdAt: Date, transcript: Transcript) {
        self.recordingId = recordingId
        self.revision = revision
        self.change = change
        self.authorId = authorId
        self.createdAt = createdAt
        self.transcript = transcript
    }
}
