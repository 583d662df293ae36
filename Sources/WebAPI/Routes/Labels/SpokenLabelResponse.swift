import Foundation
import Hummingbird
import Services
import Storage

/// A recorded spoken label as the API shows it.
struct SpokenLabelResponse: ResponseEncodable {
    let language: String
    let key: String
    let recordingId: String
    let audioUrl: String
    let recordedAt: String

    init(_ label: SpokenLabel) {
        language = label.language
        key = label.key
        recordingId = label.recordingId
        audioUrl = MediaURL.opus(label.recordingId)
        recordedAt = ISO8601.string(label.recordedAt)
    }
}

/// `GET /api/labels/{lang}`: every label key, and the recorded clip of those that have one.
struct SpokenLabelListResponse: ResponseEncodable {
    let language: String
    /// Every label key (each has a shipped French clip at `/shared/labels/fr/{key}.opus`).
    let keys: [String]
    /// Recorded labels by key; keys without one play the shipped clip.
    let labels: [String: SpokenLabelResponse]
}
