import Foundation
import Hummingbird
import NIOCore

extension ClientFiles {
    /// A text file of the client (or a page, or the service worker), gzip-compressed once.
    struct CompressedFile: Sendable {
        let body: ByteBuffer
        let headers: HTTPFields
        let tag: EntityTag
    }

    /// The file extensions worth compressing and their types, as the file middleware gives them
    /// uncompressed (audio and pictures other than SVG are compressed already).
    static let compressibleTypes = [
        "js": "text/javascript; charset=utf-8", "css": "text/css", "html": "text/html",
        "svg": "image/svg+xml", "json": "application/json",
    ]

    /// Every compressible file by the path it is asked at, the pages and `/sw.js` included: made at
    /// start-up (the whole client is a few hundred kilobytes), so a phone on a slow link loads the
    /// learner app in a third of the bytes and the server spends nothing per request.
    static let compressed: [String: CompressedFile] = {
        var table: [String: CompressedFile] = [:]
        func add(_ path: String, _ bytes: [UInt8], type: String, extra: HTTPFields = [:]) {
            guard let gzip = Gzip.compress(bytes) else { return }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in gzip { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            // Another tag than the plain file's: a cache must never answer one with the other.
            let tag = EntityTag(value: "gz-" + String(hash, radix: 16))
            var headers: HTTPFields = [.contentType: type, .contentEncoding: "gzip", .vary: "Accept-Encoding",
                                       .cacheControl: "no-cache", .eTag: tag.header]
            headers.append(contentsOf: extra)
            table[path] = CompressedFile(body: ByteBuffer(bytes: gzip), headers: headers, tag: tag)
        }
        // Through a link to the folder too (the enumerator does not follow one at its start).
        let folder = (root as NSString).resolvingSymlinksInPath
        let found = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in found where !file.hasPrefix(".") && file != "sw.js" {
            guard let type = compressibleTypes[(file as NSString).pathExtension.lowercased()],
                  let bytes = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
            add("/" + file, Array(bytes), type: type)
        }
        for (page, file) in pages {
            if let bytes = FileManager.default.contents(atPath: root + "/" + file) { add(page, Array(bytes), type: "text/html; charset=utf-8") }
        }
        var worker: HTTPFields = [:]
        worker[.init("Service-Worker-Allowed")!] = "/"
        add("/sw.js", Array(serviceWorker.utf8), type: "text/javascript; charset=utf-8", extra: worker)
        return table
    }()

    /// The compressed answer to a whole-file `GET` from a client that takes gzip, or nil (then the
    /// file or the route answers as before: ranges, `HEAD` and clients without gzip get the bytes as
    /// they are).
    static func compressedAnswer(to request: Request) -> Response? {
        guard request.method == .get, request.headers[.range] == nil, let file = compressed[request.uri.path],
              acceptsGzip(request.headers[.acceptEncoding]) else { return nil }
        if let condition = request.headers[.ifNoneMatch], file.tag.matchesIfNoneMatch(condition) {
            return Response(status: .notModified, headers: file.headers)
        }
        return Response(status: .ok, headers: file.headers, body: .init(byteBuffer: file.body))
    }

    /// True when `Accept-Encoding` names gzip (or `*`) without `q=0`.
    static func acceptsGzip(_ field: String?) -> Bool {
        guard let field else { return false }
        return field.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }
}
