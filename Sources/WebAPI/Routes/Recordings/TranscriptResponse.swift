import Foundation
import Hummingbird
import Services
import Storage
import Transcripts

/// A stored transcript as the API shows it: the transcript's own JSON fields (language, kind,
/// text, segments with words and times) and which revision it is.
struct TranscriptResponse: ResponseEncodable {
    let recordingId: String
    let language: String
    let kind: TranscriptKind
    let revision: Int
    let change: TranscriptChange
    let authorId: String?
    let updatedAt: String
    let text: String
    let segments: [TranscriptSegment]
    /// Every form it can be fetched in.
    let formats: [String: String]

    init(_ stored: StoredTranscript) {
        recordingId = stored.recordingId
        language = stored.transcript.language
        kind = stored.transcript.kind
        revision = stored.revision
        change = stored.change
        authorId = stored.authorId
        updatedAt = ISO8601.string(stored.createdAt)
        text = stored.transcript.text
        segments = stored.transcript.segments
        formats = Self.formats(recordingId: stored.recordingId, language: stored.transcript.language)
    }

    static func formats(recordingId: String, language: String) -> [String: String] {
        let base = "/api/recordings/\(recordingId)/transcripts/\(language)"
        var formats = ["json": base]
        for format in [TranscriptFormat.webVTT, .srt, .textGrid, .eaf, .plainText] {
            formats[format.fileExtension.lowercased()] = "\(base).\(format.fileExtension)"
        }
        return formats
    }

    /// The revision as an entity tag, for `If-Match`.
    static func entityTag(_ revision: Int) -> String { "\"r\(revision)\"" }
}

/// One line of `GET /api/recordings/{id}/transcripts`.
struct TranscriptSummaryResponse: Codable {
    let language: String
    let kind: TranscriptKind
    let revision: Int
    let updatedAt: String
    let segmentCount: Int
    let wordCount: Int
    /// True when every segment has times (the subtitle formats need it).
    let timed: Bool
    let formats: [String: String]

    init(_ stored: StoredTranscript) {
        language = stored.transcript.language
        kind = stored.transcript.kind
        revision = stored.revision
        updatedAt = ISO8601.string(stored.createdAt)
        segmentCount = stored.transcript.segments.count
        wordCount = stored.transcript.wordCount
        timed = stored.transcript.isFullyTimed && !stored.transcript.segments.isEmpty
        formats = TranscriptResponse.formats(recordingId: stored.recordingId, language: stored.transcript.language)
    }
}

struct TranscriptListResponse: ResponseEncodable {
    let transcripts: [TranscriptSummaryResponse]
}

/// `GET …/transcripts/{lang}/revisions`.
struct TranscriptRevisionsResponse: ResponseEncodable {
    struct Item: Codable {
        let revision: Int
        let kind: TranscriptKind
        let change: TranscriptChange
        let authorId: String?
        let createdAt: String
        let url: String
    }

    let revisions: [Item]
}
