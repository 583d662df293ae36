import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import WebAPI

/// The fast path's reading of request heads against NIO's own parser (llhttp): wherever
/// `PlainRequestHead` reads a head, NIO must read the same method, target, fields and body length,
/// and find the next request where this reader says it starts. A difference is a request the fast
/// path would frame (or answer) unlike the router: it traps (and fails `PlainRequestHeadTests`,
/// which runs the same comparison on mutated heads).
public enum PlainRequestHeadFuzzTarget {
    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        if let difference = difference(bytes) { preconditionFailure(difference) }
    }

    /// How NIO's reading of `bytes` differs from `PlainRequestHead`'s, or nil when it does not
    /// (or when the head reader leaves the input to NIO).
    public static func difference(_ bytes: [UInt8]) -> String? {
        let reading = bytes.withUnsafeBytes(PlainRequestHead.read)
        guard case .head(let head) = reading else {
            // A head not yet whole stays so when cut shorter.
            if reading == .incomplete, !bytes.isEmpty, bytes.dropLast().withUnsafeBytes(PlainRequestHead.read) != .incomplete {
                return "a shorter input reads otherwise"
            }
            return nil
        }
        let text = String(decoding: bytes.prefix(head.length), as: UTF8.self).debugDescription
        guard head.length <= bytes.count, head.length >= 18 else { return "head length \(head.length) of \(bytes.count) bytes" }
        guard Array(bytes[..<head.length]).withUnsafeBytes(PlainRequestHead.read) == reading else { return "the head alone reads otherwise: \(text)" }
        guard head.contentLength <= 1 << 16 else { return nil }
        // After `Connection: close` NIO reads no further request (the fast path closes, too).
        let closes = head.connection == "close"
        let next = Array("GET /next HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let whole = Array(bytes[..<head.length]) + [UInt8](repeating: 0x62, count: head.contentLength) + (closes ? [] : next)
        guard let nio = nioReading(whole) else { return "NIO refuses a head read as plain: \(text)" }
        let fields = nio.head.headers
        guard nio.head.method.rawValue == head.method, nio.head.uri == head.target, nio.head.version == .http1_1 else {
            return "request line: NIO reads \(nio.head.method) \(nio.head.uri) \(nio.head.version) in \(text)"
        }
        guard fields.count == head.fieldCount, nio.bodyLength == head.contentLength, nio.next == (closes ? nil : "/next") else {
            return "framing: NIO reads \(fields.count) fields, a \(nio.bodyLength)-byte body, next \(nio.next ?? "none") in \(text)"
        }
        guard fields["range"].first == head.range, fields["if-range"].first == head.ifRange, fields["if-none-match"].first == head.ifNoneMatch,
              fields["connection"].first?.lowercased() == head.connection,
              !(fields["authorization"].isEmpty && fields["cookie"].isEmpty) == head.hasCredentials
        else { return "field values: NIO reads \(fields) in \(text)" }
        return nil
    }

    /// What NIO's parser makes of `bytes`: the first request's head and body length, and the
    /// target of the request after it; nil when it refuses them.
    static func nioReading(_ bytes: [UInt8]) -> (head: HTTPRequestHead, bodyLength: Int, next: String?)? {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)))
        defer { _ = try? channel.finish() }
        guard (try? channel.writeInbound(ByteBuffer(bytes: bytes))) != nil else { return nil }
        var head: HTTPRequestHead?, bodyLength = 0, ended = false, next: String?
        while let part = try? channel.readInbound(as: HTTPServerRequestPart.self) {
            switch part {
            case .head(let read) where head == nil: head = read
            case .head(let read): next = next ?? read.uri
            case .body(let body) where !ended: bodyLength += body.readableBytes
            case .end: ended = true
            case .body: break
            }
        }
        guard let head, ended else { return nil }
        return (head, bodyLength, next)
    }
}
