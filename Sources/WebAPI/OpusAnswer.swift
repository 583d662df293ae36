import Foundation
import Hummingbird
import Storage
import Synchronization

/// What `GET /media/ID.opus` answers for a recording the caller may hear, decided from the
/// recording and the request's validators and range: the route and ``PublicAudioFastPath`` both
/// answer from it, so the two cannot drift apart.
enum OpusAnswer {
    /// 304: the caller's copy is current.
    case notModified(HTTPFields)
    /// 200 with the whole file.
    case whole(HTTPFields)
    /// 206 with these bytes (`Content-Range` already in the headers).
    case partial(HTTPFields, ClosedRange<Int>)
    /// 416: the range starts past the end of the `length`-byte file.
    case unsatisfiable(length: Int)

    init(_ recording: Recording, requestHeaders: HTTPFields) {
        let tag = EntityTag(value: recording.sha256)
        let length = recording.byteSize
        var headers = Self.representationHeaders(recording)
        if let condition = requestHeaders[.ifNoneMatch], tag.matchesIfNoneMatch(condition) {
            self = .notModified(headers)
            return
        }
        var rangeHeader = requestHeaders[.range]
        if let ifRange = requestHeaders[.ifRange], !tag.matchesIfRange(ifRange) { rangeHeader = nil }
        switch ByteRangeRequest(header: rangeHeader, length: length) {
        case .whole:
            self = .whole(headers)
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(length)"
            self = .partial(headers, range)
        case .unsatisfiable:
            self = .unsatisfiable(length: length)
        }
    }

    private struct Representation {
        let sha256: String
        let visibility: Visibility
        let createdAt: Date
        let headers: HTTPFields
    }

    /// The headers that describe the file itself, made once per recording (they cost more to build
    /// than the rest of a cached answer) and made again when what they say changes.
    private static let representations = Mutex<[String: Representation]>([:])

    static func representationHeaders(_ recording: Recording) -> HTTPFields {
        if let known = representations.withLock({ $0[recording.id] }), known.sha256 == recording.sha256,
           known.visibility == recording.visibility, known.createdAt == recording.createdAt {
            return known.headers
        }
        let headers: HTTPFields = [
            .contentType: "audio/ogg; codecs=opus",
            .acceptRanges: "bytes",
            .eTag: EntityTag(value: recording.sha256).header,
            .cacheControl: MediaController.caching(recording),
            .lastModified: MediaController.httpDate(recording.createdAt),
        ]
        let made = Representation(sha256: recording.sha256, visibility: recording.visibility, createdAt: recording.createdAt, headers: headers)
        representations.withLock { known in
            if known.count >= 10_000 { known.removeAll(keepingCapacity: true) }
            known[recording.id] = made
        }
        return headers
    }

    /// The bytes of `file` (the whole stored file) this answer sends; nil for 304 and 416, or when
    /// the file is shorter than the range.
    func body(of file: ByteBuffer) -> ByteBuffer? {
        switch self {
        case .whole: file
        case .partial(_, let range): file.getSlice(at: file.readerIndex + range.lowerBound, length: range.count)
        case .notModified, .unsatisfiable: nil
        }
    }
}
