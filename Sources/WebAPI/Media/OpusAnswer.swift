import Foundation
import Hummingbird
import Storage
import Synchronization

/// What `GET /media/ID.opus` answers for a recording the caller may hear, decided from the
/// recording and the request's validators and range.
enum OpusAnswer {
    /// 304: the caller's copy is current.
    case notModified
    /// 200 with the whole file.
    case whole
    /// 206 with these bytes.
    case partial(ClosedRange<Int>)
    /// 416: the range starts past the end of the `length`-byte file.
    case unsatisfiable(length: Int)

    init(_ recording: Recording, requestHeaders: HTTPFields) {
        self.init(recording, ifNoneMatch: requestHeaders[.ifNoneMatch], range: requestHeaders[.range], ifRange: requestHeaders[.ifRange])
    }

    init(_ recording: Recording, ifNoneMatch: String?, range: String?, ifRange: String?) {
        let tag = EntityTag(value: recording.sha256)
        if let ifNoneMatch, tag.matchesIfNoneMatch(ifNoneMatch) {
            self = .notModified
            return
        }
        var rangeHeader = range
        if let ifRange, !tag.matchesIfRange(ifRange) { rangeHeader = nil }
        switch ByteRangeRequest(header: rangeHeader, length: recording.byteSize) {
        case .whole: self = .whole
        case .partial(let range): self = .partial(range)
        case .unsatisfiable: self = .unsatisfiable(length: recording.byteSize)
        }
    }

    /// `Content-Range` of a partial answer.
    func contentRange(_ recording: Recording) -> String? {
        guard case .partial(let range) = self else { return nil }
        return "bytes \(range.lowerBound)-\(range.upperBound)/\(recording.byteSize)"
    }

    /// The response headers, but for `Content-Length`, `Date` and `Server`.
    func headers(_ recording: Recording) -> HTTPFields {
        var headers = Self.representation(recording).headers
        if let contentRange = contentRange(recording) { headers[.contentRange] = contentRange }
        return headers
    }

    struct Representation {
        let sha256: String
        let visibility: Visibility
        let createdAt: Date
        let headers: HTTPFields
    }

    /// The headers that describe the file itself, made once per recording (they cost more to build
    /// than the rest of a cached answer) and made again when what they say changes.
    private static let representations = Mutex<[String: Representation]>([:])

    static func representation(_ recording: Recording) -> Representation {
        if let known = representations.withLock({ $0[recording.id] }), known.sha256 == recording.sha256,
           known.visibility == recording.visibility, known.createdAt == recording.createdAt {
            return known
        }
        let headers: HTTPFields = [
            .contentType: "audio/ogg; codecs=opus",
            .acceptRanges: "bytes",
            .eTag: EntityTag(value: recording.sha256).header,
            .cacheControl: MediaController.caching(recording),
            .lastModified: MediaController.httpDate(recording.createdAt),
        ]
        let made = Representation(sha256: recording.sha256, visibility: recording.visibility, createdAt: recording.createdAt,
                                  headers: headers)
        representations.withLock { known in
            if known.count >= 10_000 { known.removeAll(keepingCapacity: true) }
            known[recording.id] = made
        }
        return made
    }

    /// The bytes of `file` (the whole stored file) this answer sends; nil for 304 and 416, or when
    /// the file is shorter than the range.
    func body(of file: ByteBuffer) -> ByteBuffer? {
        switch self {
        case .whole: file
        case .partial(let range): file.getSlice(at: file.readerIndex + range.lowerBound, length: range.count)
        case .notModified, .unsatisfiable: nil
        }
    }
}
