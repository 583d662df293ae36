import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Public audio, what learners' devices fetch most, goes through the router and every middleware
/// like any request: anonymous callers get what signed-in ones get, in order on a keep-alive
/// connection, and a narrowed or withdrawn recording is refused at once.
@Suite("Public audio: through the router, the same answers for everyone", .serialized)
struct PublicAudioTests {
    /// A server logging every request the router answers, with one public recording.
    static func publicRecording() async throws -> (ServerProcess, id: String, stored: [UInt8]) {
        let server = try await ServerProcess.start(arguments: ["--log-level", "debug"])
        let created = try await server.client.send("POST", "/api/recordings?title=public", body: .bytes(LiveServerTests.speechWAV()))
        let id = try #require(try created.json()["id"] as? String)
        let consent = try await server.client.send("POST", "/api/recordings/\(id)/consent",
                                                   body: .bytes(Array(#"{"visibility":"public","method":"tap"}"#.utf8)))
        #expect(consent.status == 201, "\(consent.text)")
        let stored = try await server.client.get("/media/\(id).opus").body
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 200)
        return (server, id, stored)
    }

    static func routerLines(_ server: ServerProcess, _ id: String) -> Int {
        server.log.components(separatedBy: "\n").filter { $0.contains("GET /media/\(id).opus") }.count
    }

    @Test("anonymous GETs get what a signed-in caller gets, and every one passes the router and its middleware")
    func sameAnswers() async throws {
        let (server, id, stored) = try await Self.publicRecording()
        defer { server.stop(); server.removeMediaRoot() }
        let n = stored.count
        let tag = "\"\(try #require(try await server.client.get("/api/recordings/\(id)").json()["sha256"] as? String))\""
        let cases: [[(String, String)]] = [
            [], [("Range", "bytes=0-99")], [("Range", "bytes=-500")], [("Range", "bytes=\(n - 5)-\(n + 100)")],
            [("If-None-Match", tag)], [("Range", "bytes=0-9"), ("If-Range", "\"other\"")], [("Range", "bytes=0-9"), ("If-Range", tag)],
            [("Range", "bytes=0-1,5-6")], [("range", "BYTES=3-4")],
        ]
        let comparable = { (response: HTTPTestClient.Response) in
            response.headers.filter { $0.0.lowercased() != "date" }.map { "\($0.0.lowercased()): \($0.1)" }.sorted()
        }
        var anonymous: [HTTPTestClient.Response] = []
        for headers in cases {
            let routed = try await server.client.get("/media/\(id).opus", headers: headers)
            let answer = try await server.anonymous.get("/media/\(id).opus", headers: headers)
            #expect(answer.status == routed.status, "\(headers)")
            #expect(answer.body == routed.body, "\(headers)")
            #expect(comparable(answer) == comparable(routed), "\(headers)")
            #expect(answer.header("Date") != nil && answer.header("Server") == "Parlons/0.1.0")
            anonymous.append(answer)
        }
        #expect(anonymous[1].status == 206 && anonymous[1].body == Array(stored[0..<100]) && anonymous[4].status == 304 && anonymous[4].body.isEmpty)
        // The router logs every request it answers (at debug level): the two of the set-up and
        // each of these, anonymous ones included (the log is read by a background thread, hence
        // the wait).
        let expected = 2 + 2 * cases.count
        var logged = 0
        for _ in 0..<300 where logged < expected {
            try await Task.sleep(for: .milliseconds(100))
            logged = Self.routerLines(server, id)
        }
        #expect(logged == expected, "the router logged \(logged) of \(expected) requests for the file")
        // A range past the end is the router's JSON error, for anyone.
        let past = try await server.anonymous.get("/media/\(id).opus", headers: [("Range", "bytes=\(n)-")])
        #expect(past.status == 416 && past.errorCode == "range_not_satisfiable" && past.header("Content-Range") == "bytes */\(n)")
    }

    @Test("on one keep-alive connection, pipelined answers come back in order")
    func pipelined() async throws {
        let (server, id, stored) = try await Self.publicRecording()
        defer { server.stop(); server.removeMediaRoot() }
        let connection = try RawConnection(port: server.port)
        let host = "Host: 127.0.0.1\r\n"
        let requests = "GET /api/recordings/\(id) HTTP/1.1\r\n\(host)\r\n"
            + "GET /media/\(id).opus HTTP/1.1\r\n\(host)Range: bytes=0-9\r\n\r\n"
            + "GET /healthz HTTP/1.1\r\n\(host)\r\n"
            + "GET /media/\(id).opus HTTP/1.1\r\n\(host)Range: bytes=20-29\r\nConnection: close\r\n\r\n"
        #expect(connection.send(requests))
        let answers = try Self.responses(connection.readUntilClosed())
        #expect(answers.map(\.status) == [200, 206, 200, 206])
        #expect(String(decoding: answers[0].body, as: UTF8.self).contains(id))
        #expect(answers[1].body == Array(stored[0..<10]) && answers[3].body == Array(stored[20..<30]))
        #expect(String(decoding: answers[2].body, as: UTF8.self).contains("\"ok\""))
    }

    @Test("a body that looks like a request is not answered as one, sized or chunked, whole or in pieces")
    func bodiesStayBodies() async throws {
        let (server, id, stored) = try await Self.publicRecording()
        defer { server.stop(); server.removeMediaRoot() }
        let smuggled = "GET /media/\(id).opus HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n"
        let last = "GET /media/\(id).opus HTTP/1.1\r\nHost: x\r\nRange: bytes=40-49\r\nConnection: close\r\n\r\n"
        let sized = ["POST /api/auth/password HTTP/1.1\r\nHost: x\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n",
                     String(smuggled.prefix(20)), String(smuggled.dropFirst(20)) + last]
        let chunked = ["POST /api/auth/password HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                       String(smuggled.utf8.count, radix: 16) + "\r\n" + smuggled + "\r\n0\r\n\r\n" + last]
        for pieces in [sized, [sized.joined()], chunked, [chunked.joined()]] {
            let connection = try RawConnection(port: server.port)
            for piece in pieces {
                #expect(connection.send(piece))
                try await Task.sleep(for: .milliseconds(50))
            }
            let answers = try Self.responses(connection.readUntilClosed())
            #expect(answers.count == 2 && answers.first.map { (400..<500).contains($0.status) } == true, "\(answers.map(\.status))")
            #expect(answers.last?.status == 206 && answers.last?.body == Array(stored[40..<50]))
        }
    }

    @Test("a head arriving in pieces is answered once whole")
    func headInPieces() async throws {
        let (server, id, stored) = try await Self.publicRecording()
        defer { server.stop(); server.removeMediaRoot() }
        let connection = try RawConnection(port: server.port)
        let request = "GET /media/\(id).opus HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=5-14\r\nConnection: close\r\n\r\n"
        for piece in [request.prefix(3), request.dropFirst(3).prefix(40), request.dropFirst(43)] {
            #expect(connection.send(String(piece)))
            try await Task.sleep(for: .milliseconds(50))
        }
        let answers = try Self.responses(connection.readUntilClosed())
        #expect(answers.map(\.status) == [206] && answers.first?.body == Array(stored[5..<15]))
    }

    @Test("narrowing or withdrawing takes effect at once; HEAD, cookies and tokens are honoured")
    func givesWay() async throws {
        let (server, id, _) = try await Self.publicRecording()
        defer { server.stop(); server.removeMediaRoot() }
        let head = try await server.anonymous.send("HEAD", "/media/\(id).opus")
        #expect(head.status == 200 && head.body.isEmpty)
        let withCookie = try await server.anonymous.get("/media/\(id).opus", headers: [("Cookie", "parlons_session=nonsense")])
        #expect(withCookie.status == 200)
        let badToken = try await server.anonymous.get("/media/\(id).opus", headers: [("Authorization", "Bearer nope")])
        #expect(badToken.status == 401 && badToken.errorCode == "invalid_token")
        let narrowed = try await server.client.send("PATCH", "/api/recordings/\(id)", headers: [("Content-Type", "application/json")],
                                                    body: .bytes(Array(#"{"visibility":"group"}"#.utf8)))
        #expect(narrowed.status == 200, "\(narrowed.text)")
        let hidden = try await server.anonymous.get("/media/\(id).opus")
        #expect(hidden.status == 404 && hidden.errorCode == "not_found")
        #expect(try await server.client.send("DELETE", "/api/recordings/\(id)").status == 204)
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 404)
    }

    /// Splits a stream of HTTP/1.1 responses, each framed by Content-Length.
    static func responses(_ bytes: [UInt8]) throws -> [(status: Int, body: [UInt8])] {
        var found: [(Int, [UInt8])] = [], rest = bytes[...]
        while !rest.isEmpty {
            let text = String(decoding: rest.prefix(4_096), as: UTF8.self)
            let head = try #require(text.range(of: "\r\n\r\n").map { String(text[..<$0.lowerBound]) })
            let lines = head.components(separatedBy: "\r\n")
            let status = try #require(Int(lines[0].split(separator: " ")[1]))
            let length = lines.dropFirst().compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                return parts[0].lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
            }.first ?? 0
            let start = rest.startIndex + head.utf8.count + 4
            found.append((status, Array(rest[start..<start + length])))
            rest = rest[(start + length)...]
        }
        return found
    }
}
