import Foundation
import Transcripts

/// A segment as one element of the JSON array a transcript's segments are inserted from.
struct SegmentRow: Encodable {
    let position: Int
    let text: String
    let startMs: Int?
    let endMs: Int?
    let origin: String?
    let confidence: Double?

    init(index: Int, segment: TranscriptSegment) {
        position = index
        text = segment.text
        startMs = segment.startMs
        endMs = segment.endMs
        origin = segment.origin?.rawValue
        confidence = segment.confidence
    }

    /// The rows as one JSON array (absent keys read as NULL).
    static func json(_ rows: [some Encodable]) throws -> String {
        String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    }
}

/// A word as one element of the JSON array a transcript's words are inserted from.
struct WordRow: Encodable {
    let segment: Int
    let position: Int
    let text: String
    let offset: Int
    let length: Int
    let startMs: Int?
    let endMs: Int?
    let origin: String?
    let confidence: Double?

    init(segment: Int, position: Int, word: TranscriptWord) {
        self.segment = segment
        self.position = position
        text = word.text
        offset = word.offset
        length = word.length
        startMs = word.startMs
        endMs = word.endMs
        origin = word.origin?.rawValue
        confidence = word.confidence
    }
}
