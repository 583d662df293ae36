import Foundation
import Testing
import TestSupport
@testable import WebAPI

/// The browser client is served by the server itself from the WebAPI target's resources, and
/// never hides an API answer.
@Suite("Client files")
struct ClientFilesTests {
    @Test("the three pages are HTML, revalidated on each visit")
    func pages() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        for (path, marker) in [("/", "/learner/app.js"), ("/kiosk", "/learner/app.js"), ("/trainer", "/trainer/app.js")] {
            let response = try await server.anonymous.send("GET", path)
            #expect(response.status == 200, "\(path)")
            #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(path)")
            #expect(response.header("Cache-Control") == "no-cache", "\(path)")
            #expect(String(decoding: response.body, as: UTF8.self).contains(marker), "\(path)")
        }
        let post = try await server.anonymous.send("POST", "/", body: .bytes(Array("{}".utf8)))
        #expect(post.status == 405)
    }

    @Test("scripts, styles, pictures and labels have their types, validators and ranges")
    func assets() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let script = try await server.anonymous.send("GET", "/learner/app.js")
        #expect(script.status == 200)
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.header("Cache-Control") == "no-cache")
        let etag = try #require(script.header("ETag"))
        let again = try await server.anonymous.send("GET", "/learner/app.js", headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
        let style = try await server.anonymous.send("GET", "/shared/base.css")
        #expect(style.header("Content-Type")?.hasPrefix("text/css") == true)
        let picture = try await server.anonymous.send("GET", "/shared/pictures/sun.svg")
        #expect(picture.header("Content-Type") == "image/svg+xml")
        let label = try await server.anonymous.send("GET", "/shared/labels/fr/record.opus", headers: [("Range", "bytes=0-3")])
        #expect(label.status == 206)
        #expect(label.header("Content-Type") == "audio/ogg; codecs=opus")
        #expect(label.body == Array("OggS".utf8))
    }

    @Test("the service worker is served from the root, lists the learner's files and no API, and is versioned by them")
    func serviceWorker() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let worker = try await server.anonymous.send("GET", "/sw.js")
        #expect(worker.status == 200)
        #expect(worker.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(worker.header("Service-Worker-Allowed") == "/")
        #expect(worker.header("Cache-Control") == "no-cache")
        let script = String(decoding: worker.body, as: UTF8.self)
        #expect(!script.contains("__VERSION__") && !script.contains("__FILES__"))
        #expect(script.contains("const VERSION = '") && script.contains("'/learner/app.js'") && script.contains("'/shared/labels/fr/who.opus'"))
        #expect(script.contains("const FOLDERS = ['/learner/', '/shared/']"))
        #expect(!script.contains("'/trainer/") && !script.contains("'/api/") && !script.contains("'/media/"))
        // The version is the files' hash: another set of bytes, another version.
        let files = ClientFiles.shellFiles()
        #expect(files.contains("learner/index.html") && files.contains("shared/base.css"))
        #expect(files.allSatisfy { $0.hasPrefix("learner/") || $0.hasPrefix("shared/") }, "kept by folder: nothing of the trainer's, not the worker")
        #expect(ClientFiles.version(of: files) == ClientFiles.version(of: files))
        #expect(ClientFiles.version(of: files) != ClientFiles.version(of: files.filter { $0 != "shared/base.css" }))
        #expect(script.contains("const VERSION = '\(ClientFiles.version(of: files))'"))
    }

    @Test("text files, pages and the worker go gzip-compressed to clients that take it, the same bytes once unpacked")
    func compressed() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let gzip = [("Accept-Encoding", "gzip, deflate, br")]
        for path in ["/learner/app.js", "/shared/base.css", "/shared/icons/play.svg", "/", "/kiosk", "/trainer", "/sw.js"] {
            let plain = try await server.anonymous.get(path)
            let packed = try await server.anonymous.get(path, headers: gzip)
            #expect(plain.status == 200 && plain.header("Content-Encoding") == nil, "\(path)")
            #expect(packed.status == 200 && packed.header("Content-Encoding") == "gzip" && packed.header("Vary") == "Accept-Encoding", "\(path)")
            #expect(packed.header("Content-Type") == plain.header("Content-Type"), "\(path)")
            #expect(packed.header("Cache-Control") == "no-cache", "\(path)")
            #expect(packed.body.count < plain.body.count, "\(path): \(packed.body.count) of \(plain.body.count)")
            #expect(try Self.gunzip(packed.body) == plain.body, "\(path)")
            let tag = try #require(packed.header("ETag"))
            #expect(tag != plain.header("ETag"), "a cache never answers one form with the other")
            #expect(try await server.anonymous.get(path, headers: gzip + [("If-None-Match", tag)]).status == 304, "\(path)")
        }
        #expect(try await server.anonymous.get("/sw.js", headers: gzip).header("Service-Worker-Allowed") == "/")
        // Refused gzip, a range, a HEAD and compressed audio: the file as it is.
        #expect(try await server.anonymous.get("/learner/app.js", headers: [("Accept-Encoding", "gzip;q=0, identity")]).header("Content-Encoding") == nil)
        let range = try await server.anonymous.get("/learner/app.js", headers: gzip + [("Range", "bytes=0-9")])
        #expect(range.status == 206 && range.header("Content-Encoding") == nil && range.body.count == 10)
        #expect(try await server.anonymous.get("/shared/labels/fr/who.opus", headers: gzip).header("Content-Encoding") == nil)
    }

    /// Unpacked by gzip itself, an independent implementation.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let packed = directory.appendingPathComponent("file.gz")
        try Data(bytes).write(to: packed)
        _ = try ExternalTool.run("gzip", ["-d", packed.path])
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent("file")))
    }

    @Test("API answers win, and a missing file is a JSON 404")
    func apiFirst() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let health = try await server.anonymous.send("GET", "/healthz")
        #expect(String(decoding: health.body, as: UTF8.self).contains("\"ok\""))
        for path in ["/nothing-here.js", "/api/index.html", "/media/index.html", "/api/recordings/AAAAAAAAAAAAAAAAAAAAAA", "/shared/../Package.swift"] {
            let response = try await server.client.send("GET", path)
            #expect([404, 400].contains(response.status), "\(path): \(response.status)")
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, "\(path)")
        }
    }
}
