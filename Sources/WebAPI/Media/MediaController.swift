import Foundation
import Hummingbird
import NIOPosix
import Services
import Storage

/// `/media/ID.opus` (the stored file, with ranges and validators), `/media/ID.caf` (the same packets
/// for older Safari) and `/media/ID.wav` (decoded on the fly for clients that cannot play Opus).
/// The stored file is sent as it is; the two made on the fly are made on the heavy-work pool.
struct MediaController: Sendable {
    let library: RecordingLibrary
    let fileCache: OpusFileCache
    let work: HeavyWorkPool
    /// Seconds a presigned URL to a public recording's object is valid; 0: no redirects.
    var publicRedirectSeconds = 0

    /// Bytes read from the store per step of a streamed answer.
    static let streamChunkSize = 64 * 1_024
    static let immutableCaching = "public, max-age=31536000, immutable"
    /// Non-public audio stays out of shared caches and is revalidated (a withdrawal must take effect).
    static let privateCaching = "private, no-cache"

    static func caching(_ recording: Recording) -> String {
        recording.visibility == .public ? immutableCaching : privateCaching
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/media/{file}", use: serve)
    }

    @Sendable func serve(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let (id, format) = try Self.parse(file)
        // Knowing the URL is not enough: the caller must be allowed to hear it.
        guard let recording = try await library.metadata.recording(id: id, visibleTo: context.viewer) else {
            throw APIError.notFound("media \(file)")
        }
        switch format {
        case "opus": return try await opus(recording, request: request, context: context)
        case "caf": return try await caf(recording, request: request)
        default: return try wav(recording, request: request)
        }
    }

    /// Splits `ID.ext`, checking both before touching anything.
    static func parse(_ file: String) throws -> (id: String, format: String) {
        guard let dot = file.lastIndex(of: ".") else { throw APIError.notFound("media \(file.prefix(40))") }
        let id = String(file[..<dot]), format = String(file[file.index(after: dot)...])
        guard ResourceID.isValid(id), ["opus", "wav", "caf"].contains(format) else { throw APIError.notFound("media \(file.prefix(40))") }
        return (id, format)
    }

    func opus(_ recording: Recording, request: Request, context: ParlonsRequestContext) async throws -> Response {
        // Public audio may be sent by the object store itself: a short-lived presigned URL, and the
        // redirect kept by caches for half its life at most (a withdrawal stops new redirects at
        // once; one handed out works until it expires).
        if recording.visibility == .public, publicRedirectSeconds > 0,
           let url = library.blobs.temporaryURL(sha256: recording.sha256, seconds: publicRedirectSeconds) {
            return Response(status: .temporaryRedirect,
                            headers: [.location: url, .cacheControl: "public, max-age=\(publicRedirectSeconds / 2)"])
        }
        let answer = OpusAnswer(recording, requestHeaders: request.headers)
        let length = recording.byteSize, sha256 = recording.sha256, blobs = library.blobs
        let cache = fileCache
        func file() async throws -> ByteBuffer? {
            guard cache.accepts(byteCount: length) else { return nil }
            return try await cache.load(sha256: sha256, byteCount: length) {
                guard let reader = try blobs.open(sha256: sha256) else { throw StorageError(code: .notFound, message: "audio file \(sha256)") }
                return try reader.readAll()
            }
        }
        /// The bytes of `range` (all when nil) streamed from the store, read on NIO's thread pool.
        func streamed(_ range: ClosedRange<Int>?) throws -> ResponseBody {
            guard let reader = try blobs.open(sha256: sha256) else { throw APIError.notFound("media \(recording.id).opus") }
            let cursor = BlobCursor(reader, range: range.map { $0.lowerBound..<($0.upperBound + 1) }, chunkSize: Self.streamChunkSize)
            return ResponseBody(contentLength: range?.count ?? reader.size) { writer in
                while let chunk = try await NIOThreadPool.singleton.runIfActive({ try cursor.next() }) {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
        }
        let headers = answer.headers(recording)
        switch answer {
        case .notModified:
            return Response(status: .notModified, headers: headers)
        case .whole:
            if let bytes = try await file().flatMap(answer.body(of:)) { return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: bytes)) }
            return Response(status: .ok, headers: headers, body: try streamed(nil))
        case .partial(let range):
            if let bytes = try await file().flatMap(answer.body(of:)) {
                return Response(status: .partialContent, headers: headers, body: ResponseBody(byteBuffer: bytes))
            }
            return Response(status: .partialContent, headers: headers, body: try streamed(range))
        case .unsatisfiable(let length):
            throw APIError(.rangeNotSatisfiable, code: "range_not_satisfiable",
                           message: "the range asks for bytes past the end of the \(length)-byte file",
                           headers: [.contentRange: "bytes */\(length)"])
        }
    }
}

extension MediaController {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate (RFC 9110 §5.6.7) for Last-Modified, e.g. `Sun, 29 Nov 2026 03:31:46 GMT`. Built
    /// from `gmtime_r` by hand: it runs for every audio request, and a Foundation format style
    /// cost more than finding the recording.
    static func httpDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)), parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1_900 + parts.tm_year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
