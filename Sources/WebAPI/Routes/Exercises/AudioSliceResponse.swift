import Exercises
import Transcripts

/// A piece of a recording as clients play it: the Opus file, start and end in milliseconds, and
/// the same as a media fragment URL (`/media/ID.opus#t=1.200,1.650`) for an `<audio>` element.
struct AudioSliceResponse: Codable, Equatable {
    let url: String
    let startMs: Int
    let endMs: Int
    let fragmentUrl: String

    init(_ slice: AudioSlice) {
        url = MediaURL.opus(slice.recordingId)
        startMs = slice.startMs
        endMs = slice.endMs
        fragmentUrl = url + slice.fragment
    }

    /// The slice of a timed segment or word; nil while untimed.
    init?(recordingId: String, startMs: Int?, endMs: Int?) {
        guard let slice = AudioSlice(recordingId: recordingId, startMs: startMs, endMs: endMs) else { return nil }
        self.init(slice)
    }
}
