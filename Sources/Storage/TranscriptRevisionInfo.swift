import Foundation
import Transcripts

/// One revision of a transcript, without its text: the history a trainer looks through.
public struct TranscriptRevisionInfo: Sendable, Equatable {
    public let revision: Int
    public let kind: TranscriptKind
    public let change: TranscriptChange
    public let authorId: String?
    public let createdAt: Date

    public init(revision: Int, kind: TranscriptKind, change: TranscriptChange, authorId: String?, createdAt: Date) {
        self.revision = revision
        self.kind = kind
        self.change = change
        self.authorId = authorId
        self.createdAt = createdAt
    }
}
