import Foundation
import Testing
import TestSupport

/// The browser-facing defences: the security headers on every answer, paths with control
/// characters refused, and the CSRF check of `Origin` against the server's own scheme, host and port.
@Suite("Web security: headers on every answer, control characters in paths, origins", .serialized)
struct WebSecurityTests {
    static func expectSecurityHeaders(_ response: HTTPTestClient.Response, _ what: String) {
        let policy = response.header("Content-Security-Policy") ?? ""
        for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"] {
            #expect(policy.contains(directive), "\(what): Content-Security-Policy '\(policy)' lacks \(directive)")
        }
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(what): \(policy)")
        #expect(response.headerValues("Content-Security-Policy").count == 1, "\(what)")
        #expect(response.header("X-Content-Type-Options") == "nosniff", "\(what)")
        #expect(response.header("X-Frame-Options") == "DENY", "\(what)")
        #expect(response.header("Referrer-Policy") == "same-origin", "\(what)")
    }

    @Test("pages, scripts, styles, pictures, JSON, errors and audio all carry CSP, nosniff, X-Frame-Options and Referrer-Policy")
    func headersEverywhere() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let created = try await server.client.send("POST", "/api/recordings?title=h", body: .bytes(LiveServerTests.speechWAV()))
        let id = try #require(try created.json()["id"] as? String)
        Self.expectSecurityHeaders(created, "POST /api/recordings")
        let anonymous = ["/", "/kiosk", "/trainer", "/sw.js", "/learner/app.js", "/shared/base.css", "/shared/icons/listen.svg", "/healthz",
                         "/api/openapi.yaml", "/api/nothing-here", "/no-such-file.js", "/api/recordings"]
        for path in anonymous {
            Self.expectSecurityHeaders(try await server.anonymous.get(path), "GET \(path)")
        }
        for path in ["/api/recordings/\(id)", "/media/\(id).opus", "/media/\(id).wav", "/media/\(id).caf", "/api/recordings/\(id)/peaks.json"] {
            let answer = try await server.client.get(path)
            #expect(answer.status == 200, "\(path)")
            Self.expectSecurityHeaders(answer, "GET \(path)")
        }
        Self.expectSecurityHeaders(try await server.client.get("/media/\(id).opus", headers: [("Range", "bytes=0-9")]), "a range")
        Self.expectSecurityHeaders(try await server.anonymous.send("HEAD", "/"), "HEAD /")
        Self.expectSecurityHeaders(try await server.anonymous.send("DELETE", "/healthz"), "405")
    }

    @Test("a NUL or another control character in a path is 400 invalid_path, never a file served under another type")
    func controlCharactersInPaths() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let script = try await server.anonymous.get("/learner/app.js")
        #expect(script.status == 200 && script.header("Content-Type")?.hasPrefix("text/javascript") == true)
        for path in ["/learner/app.js%00.html", "/learner/app.js%00", "/%00", "/learner/app.js%0a", "/learner/learner.css%0D%0AX:%20y", "/learner/%1Fapp.js",
                     "/learner/app.js%7F", "/learner/app.js%C2%85", "/api/recordings/%00", "/media/abc%00.opus", "/%ff%fe"] {
            let answer = try await server.anonymous.get(path)
            #expect(answer.status == 400 && answer.errorCode == "invalid_path", "\(path): \(answer.status) \(answer.header("Content-Type") ?? "")")
            #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true, "\(path)")
            Self.expectSecurityHeaders(answer, path)
        }
        // Encoded characters that are not controls are still just characters of a path.
        #expect(try await server.anonymous.get("/learner/app%2Ejs").status == 200)
        #expect(try await server.anonymous.get("/media/%C3%A9t%C3%A9.opus").status == 404)
    }

    @Test("a change from another origin is refused: the scheme, host and port must all be the server's own")
    func originsCompareSchemeHostAndPort() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let browser = try await world.passwordSession("trainerofgroup", password: "password-trainerOfGroup")
        let port = world.server.port
        let change = HTTPTestClient.Body.json(["name": "G"])
        for origin in ["https://127.0.0.1:\(port)", "http://evil.example", "https://evil.example", "http://127.0.0.1:\(port + 1)",
                       "http://127.0.0.1", "http://localhost:\(port)", "ws://127.0.0.1:\(port)", "null", "http://127.0.0.1:\(port)/path"] {
            let refused = try await browser.send("POST", "/api/groups", headers: [("Origin", origin)], body: change)
            #expect(refused.status == 403 && refused.errorCode == "csrf_rejected", "Origin \(origin): \(refused.status)")
            // Bearer tokens are refused from a foreign page too: a browser only sends Origin for a page's request.
            let scripted = try await world.admin.send("POST", "/api/groups", headers: [("Origin", origin)], body: change)
            #expect(scripted.status == 403 && scripted.errorCode == "csrf_rejected", "Origin \(origin) with a token: \(scripted.status)")
        }
        for origin in ["http://127.0.0.1:\(port)", "HTTP://127.0.0.1:\(port)"] {
            let same = try await browser.send("POST", "/api/groups", headers: [("Origin", origin)], body: change)
            #expect(same.status == 201, "Origin \(origin): \(same.status) \(same.text)")
        }
    }

    @Test("served over TLS (--secure-cookies), the server's origin is https: http pages of the same host are another origin")
    func secureOrigin() async throws {
        let server = try await ServerProcess.start(arguments: ["--secure-cookies"])
        defer { server.stop(); server.removeMediaRoot() }
        let port = server.port
        let change = HTTPTestClient.Body.json(["name": "G"])
        let plain = try await server.client.send("POST", "/api/groups", headers: [("Origin", "http://127.0.0.1:\(port)")], body: change)
        #expect(plain.status == 403 && plain.errorCode == "csrf_rejected")
        let secure = try await server.client.send("POST", "/api/groups", headers: [("Origin", "https://127.0.0.1:\(port)")], body: change)
        #expect(secure.status == 201, "\(secure.text)")
    }
}
