import Foundation
import Transcripts

/// One revision of a transcript, without its text: the history a trainer looks through.
public struct TranscriptRevisionInfo: Sendable, Equatable {
    public let revision: Int
    public let kind: TranscriptKind
    public let change: TranscriptChange
    public let authorId: String?
    public let createdAt: Date
}
