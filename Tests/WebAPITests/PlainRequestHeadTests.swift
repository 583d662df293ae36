import APIFuzzTargets
import Testing
import TestSupport
@testable import WebAPI

/// The fast path's own reading of request heads: plain heads read, anything else left to NIO, and
/// wherever it reads a head, NIO's parser (llhttp) reads the same request and the same body length
/// (the comparison is the `head` fuzz target's).
@Suite("Plain request heads: read from bytes, or left to NIO")
struct PlainRequestHeadTests {
    static func read(_ text: String) -> PlainRequestHead.Reading {
        Array(text.utf8).withUnsafeBytes(PlainRequestHead.read)
    }

    static func head(_ text: String) throws -> PlainRequestHead {
        guard case .head(let head) = read(text) else { throw PlainRequestHeadFailure(text: text, reading: read(text)) }
        return head
    }

    @Test("a browser's range request is read, with the fields the answer depends on")
    func plain() throws {
        let text = "GET /media/abc.opus HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: Mozilla/5.0 (X11)\r\n"
            + "range:\tbytes=0-99\r\nIf-Range: \"tag\"\r\nCONNECTION: Keep-Alive\r\nAccept: */*\r\n\r\nGET /next"
        let head = try Self.head(text)
        #expect(head.method == "GET" && head.target == "/media/abc.opus" && head.fieldCount == 6)
        #expect(head.length == text.utf8.count - "GET /next".utf8.count)
        #expect(head.range == "bytes=0-99" && head.ifRange == "\"tag\"" && head.connection == "keep-alive")
        #expect(head.ifNoneMatch == nil && !head.hasCredentials && head.contentLength == 0)
        #expect(try Self.head("POST /api/x HTTP/1.1\r\nContent-Length: 0012\r\n\r\n").contentLength == 12)
        #expect(try Self.head("GET / HTTP/1.1\r\nCookie: a=b\r\n\r\n").hasCredentials)
        #expect(try Self.head("GET / HTTP/1.1\r\nauthorization: Bearer x\r\n\r\n").hasCredentials)
        #expect(try Self.head("GET /x HTTP/1.1\r\nEmpty:\r\n\r\n").fieldCount == 1)
    }

    @Test("a head not yet whole waits for more bytes, up to a limit")
    func incomplete() {
        for text in ["", "G", "GET /media/a.opus HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r"] {
            #expect(Self.read(text) == .incomplete, "\(text.debugDescription)")
        }
        #expect(Self.read("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: PlainRequestHead.maxLength)) == .unusual)
        #expect(Self.read("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: PlainRequestHead.maxLength) + "\r\n\r\n") == .unusual)
    }

    @Test("broken, odd or ambiguous heads are left to NIO", arguments: [
        "GET /a HTTP/1.0\r\n\r\n", "get /a HTTP/1.1\r\n\r\n", "BREW /a HTTP/1.1\r\n\r\n", "CONNECT a:1 HTTP/1.1\r\n\r\n",
        "GET  /a HTTP/1.1\r\n\r\n", "GET a HTTP/1.1\r\n\r\n", "GET http://x/a HTTP/1.1\r\n\r\n", "GET /a HTTP/1.1 \r\n\r\n",
        "\r\nGET /a HTTP/1.1\r\n\r\n", "GET /a\r\n\r\n", "GET /a HTTP/1.1\n\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\n\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost : x\r\n\r\n", "GET /a HTTP/1.1\r\n Host: x\r\n\r\n", "GET /a HTTP/1.1\r\nA: b\r\n c\r\n\r\n",
        "GET /a HTTP/1.1\r\nNo colon\r\n\r\n", "GET /a HTTP/1.1\r\n: empty\r\n\r\n", "GET /a HTTP/1.1\r\nA: b\rc\r\n\r\n",
        "GET /a HTTP/1.1\r\nA: \u{0}\r\n\r\n", "GET /a HTTP/1.1\r\nA: caf\u{E9}\r\n\r\n", "GET /caf\u{E9} HTTP/1.1\r\n\r\n",
        "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "POST /a HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 9999999999999999\r\n\r\n", "POST /a HTTP/1.1\r\nContent-Length:\r\n\r\n",
        "GET /a HTTP/1.1\r\nRange: bytes=0-1\r\nrange: bytes=2-3\r\n\r\n", "GET /a HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n",
        "GET /a HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n", "GET /a HTTP/1.1\r\nRange: bytes=0-1 \r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 5\t\r\n\r\n", "GET /a HTTP/1.1\r\nConnection: close\r\nConnection: close\r\n\r\n",
    ])
    func unusual(_ text: String) {
        #expect(Self.read(text) == .unusual)
    }

    @Test("more fields than the limit are left to NIO")
    func manyFields() {
        let fields = (0...PlainRequestHead.maxFieldCount).map { "X-\($0): y\r\n" }.joined()
        #expect(Self.read("GET / HTTP/1.1\r\n\(fields)\r\n") == .unusual)
    }

    static let seeds = [
        "GET /media/0123456789abcdefghijklmnop.opus HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nRange: bytes=16384-32767\r\n"
            + "Accept: */*\r\nConnection: keep-alive\r\n\r\n",
        "POST /api/recordings?title=a%20b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nCookie: s=1\r\n\r\n",
        "GET / HTTP/1.1\r\nIf-None-Match: \"abc\", W/\"d\"\r\nIf-Range: \"abc\"\r\nAuthorization: Bearer t\r\n\r\n",
        "DELETE /api/recordings/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    ]
    static let insertions: [[UInt8]] = [[0x20], [0x09], [0x0D], [0x0A], [0x0D, 0x0A], [0x3A], [0x00], [0x7F], [0x80], [0xFF],
                                        [0x2C], [0x22], [0x2F], [0x3F], [0x23], [0x41], [0x30], Array("\r\nContent-Length: 3".utf8),
                                        Array("\r\nTransfer-Encoding: chunked".utf8), Array("\r\n X".utf8), Array("HTTP/1.0".utf8)]

    @Test("on 20,000 mutated heads, wherever this reader reads a head, NIO reads the same request and body length")
    func agreesWithNIO() throws {
        var random = SplitMix(seed: 2026_11_29)
        var read = 0, agreed = 0
        for round in 0..<20_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.insert(contentsOf: Self.insertions.randomElement(using: &random)!, at: at)
                case 1: bytes.remove(at: at)
                case 2: bytes[at] = UInt8.random(in: 0...255, using: &random)
                default: if (0x41...0x5A).contains(bytes[at] & 0xDF) { bytes[at] ^= 0x20 }  // a letter's case
                }
            }
            guard case .head = bytes.withUnsafeBytes(PlainRequestHead.read) else { continue }
            read += 1
            let difference = PlainRequestHeadFuzzTarget.difference(bytes)
            #expect(difference == nil, "\(difference ?? "")")
            if difference == nil { agreed += 1 }
        }
        // The mutations must leave enough heads readable for the comparison to mean something.
        #expect(read > 2_000 && agreed == read, "\(read) heads read, \(agreed) agreed")
    }
}

struct PlainRequestHeadFailure: Error {
    let text: String
    let reading: PlainRequestHead.Reading
}
