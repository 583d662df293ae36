import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately small HTTP/1.1 client over a raw socket, so tests control every byte: streamed
/// bodies, bodies cut off half-way, conditional and range headers, HEAD. Blocking I/O runs on its
/// own thread, never on the test's cooperative pool.
public struct HTTPTestClient: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: [UInt8]

        /// The first value of a header, case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        public var text: String { String(decoding: body, as: UTF8.self) }

        /// `name=value` of every Set-Cookie, for sending back as a Cookie header.
        public var cookies: [String: String] {
            var jar: [String: String] = [:]
            for (name, value) in headers where name.lowercased() == "set-cookie" {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                if pair.count == 2 { jar[String(pair[0])] = String(pair[1]) }
            }
            return jar
        }

        /// All values of a header.
        public func headerValues(_ name: String) -> [String] {
            headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
        }

        /// The body parsed as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw Failure.protocolError("body is not a JSON object: \(text.prefix(200))")
            }
            return object
        }

        /// The body parsed as a JSON array of objects.
        public func json(array: Bool) throws -> [[String: Any]] {
            guard let list = try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] else {
                throw Failure.protocolError("body is not a JSON array: \(text.prefix(200))")
            }
            return list
        }

        /// `error.code` of a JSON error body.
        public var errorCode: String? { ((try? json())?["error"] as? [String: Any])?["code"] as? String }
        public var errorMessage: String? { ((try? json())?["error"] as? [String: Any])?["message"] as? String }
    }

    public enum Failure: Error, CustomStringConvertible {
        case connect(Int32), io(String), protocolError(String)
        public var description: String {
            switch self {
            case .connect(let code): "connect failed: errno \(code)"
            case .io(let what): "I/O: \(what)"
            case .protocolError(let what): "protocol: \(what)"
            }
        }
    }

    /// How a request body is sent.
    public enum Body: Sendable {
        case none
        /// With a Content-Length.
        case bytes([UInt8])
        /// With `Transfer-Encoding: chunked`, in pieces of this size.
        case chunked([UInt8], pieceSize: Int)
        /// Declares `declaredLength`, sends only `bytes`, then closes the connection.
        case cutOff([UInt8], declaredLength: Int)
    }

    public let port: Int
    /// Sent with every request (credentials, cookies).
    public let headers: [(String, String)]
    /// The loopback address requests come from (`127.0.0.2`…: another client address as the
    /// server sees it); the kernel's choice, 127.0.0.1, when nil.
    public let sourceAddress: String?

    public init(port: Int, headers: [(String, String)] = [], sourceAddress: String? = nil) {
        self.port = port
        self.headers = headers
        self.sourceAddress = sourceAddress
        signal(SIGPIPE, SIG_IGN)
    }

    /// The same client with more headers on every request.
    public func adding(_ extra: [(String, String)]) -> HTTPTestClient {
        HTTPTestClient(port: port, headers: headers + extra, sourceAddress: sourceAddress)
    }

    /// The same client, connecting from another loopback address.
    public func from(_ address: String) -> HTTPTestClient { HTTPTestClient(port: port, headers: headers, sourceAddress: address) }

    public func get(_ path: String, headers: [(String, String)] = []) async throws -> Response {
        try await send("GET", path, headers: headers)
    }

    /// The same exchange as ``send(_:_:headers:body:)``, blocking the calling thread: for clients run
    /// on threads of their own, whose timings must not include waiting for the test's task threads.
    public func sendBlocking(_ method: String, _ path: String, headers: [(String, String)] = [], body: Body = .none) throws -> Response {
        try Self.exchange(port: port, method: method, path: path, headers: self.headers + headers, body: body)
    }

    /// Sends one request on a fresh connection and reads the whole response.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Body = .none) async throws -> Response {
        let port = self.port, source = sourceAddress
        let all = self.headers + headers
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result {
                    try Self.exchange(port: port, method: method, path: path, headers: all, body: body, from: source)
                })
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    static func exchange(port: Int, method: String, path: String, headers: [(String, String)], body: Body,
                         from source: String? = nil) throws -> Response {
        let socket = try connect(port: port, from: source)
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        switch body {
        case .none: break
        case .bytes(let bytes): head += "Content-Length: \(bytes.count)\r\n"
        case .chunked: head += "Transfer-Encoding: chunked\r\n"
        case .cutOff(_, let declared): head += "Content-Length: \(declared)\r\n"
        }
        head += "\r\n"
        // A server may answer (413, 400) and close before the body is sent: keep going to read it.
        var sendFailed = !sendAll(socket, Array(head.utf8))
        switch body {
        case .none: break
        case .bytes(let bytes): if !sendFailed { sendFailed = !sendAll(socket, bytes) }
        case .chunked(let bytes, let size):
            var offset = 0
            while offset < bytes.count && !sendFailed {
                let piece = Array(bytes[offset..<min(bytes.count, offset + size)])
                sendFailed = !sendAll(socket, Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10])
                offset += size
            }
            if !sendFailed { _ = sendAll(socket, Array("0\r\n\r\n".utf8)) }
        case .cutOff(let bytes, _):
            _ = sendAll(socket, bytes)
            shutdown(socket, Int32(SHUT_RDWR))
            throw Failure.io("cut off on purpose")
        }
        return try readResponse(socket, method: method)
    }

    static func connect(port: Int, from source: String? = nil) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure.connect(errno) }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { close(socket); throw Failure.connect(errno) }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(socket); throw Failure.connect(errno) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }

    static func sendAll(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    static func readResponse(_ socket: Int32, method: String) throws -> Response {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        func fill() throws -> Bool {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw Failure.io("recv errno \(errno)") }
            buffer += chunk[0..<count]
            return count > 0
        }
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = findCRLFCRLF(buffer) { headerEnd = range; break }
            guard try fill() else { throw Failure.protocolError("connection closed before the response head (\(buffer.count) bytes)") }
        }
        let headText = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure.protocolError("bad status line") }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(buffer[(headerEnd! + 4)...])
        let response = { Response(status: status, headers: headers, body: body) }
        if method == "HEAD" || status == 204 || status == 304 { return response() }
        let lookup = { (name: String) in headers.first { $0.0.lowercased() == name }?.1 }
        if let length = lookup("content-length").flatMap(Int.init) {
            buffer = body
            while buffer.count < length { guard try fill() else { break } }
            body = Array(buffer.prefix(length))
        } else if lookup("transfer-encoding")?.lowercased() == "chunked" {
            buffer = body
            var decoded: [UInt8] = []
            var position = 0
            while true {
                while findCRLF(buffer, from: position) == nil { guard try fill() else { throw Failure.protocolError("chunked body cut") } }
                let lineEnd = findCRLF(buffer, from: position)!
                let size = Int(String(decoding: buffer[position..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
                position = lineEnd + 2
                if size == 0 { break }
                while buffer.count < position + size + 2 { guard try fill() else { throw Failure.protocolError("chunk cut") } }
                decoded += buffer[position..<(position + size)]
                position += size + 2
            }
            body = decoded
        } else {
            buffer = body
            while try fill() {}
            body = buffer
        }
        return response()
    }

    static func findCRLFCRLF(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    static func findCRLF(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 2, start <= bytes.count - 2 else { return nil }
        for index in start...(bytes.count - 2) where bytes[index] == 13 && bytes[index + 1] == 10 { return index }
        return nil
    }
}
