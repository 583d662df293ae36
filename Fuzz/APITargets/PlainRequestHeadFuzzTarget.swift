import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import WebAPI

/// The fast path's reading of request heads against NIO's own parser (llhttp): wherever
/// `PlainRequestHead` reads a head, NIO must read the same method, target, fields and body length,
/// and find the next request where this reader says it starts. A difference is a request the fast
/// path would frame (or answer) unlike the router: it traps.
public enum PlainRequestHeadFuzzTarget {
    /// Runs one fuzz input; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        let reading = bytes.withUnsafeBytes(PlainRequestHead.read)
        guard case .head(let head) = reading else {
            // A head not yet whole stays so when cut shorter.
            if reading == .incomplete, !bytes.isEmpty {
                precondition(bytes.dropLast().withUnsafeBytes(PlainRequestHead.read) == .incomplete, "shorter input read otherwise")
            }
            return
        }
        precondition(head.length <= bytes.count && head.length >= 18, "head length \(head.length) of \(bytes.count) bytes")
        precondition(Array(bytes[..<head.length]).withUnsafeBytes(PlainRequestHead.read) == reading, "the head alone reads otherwise")
        let closes = head.connection == "close"
        let next = Array("GET /next HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let whole = Array(bytes[..<head.length]) + [UInt8](repeating: 0x62, count: min(head.contentLength, 1 << 16)) + (closes ? [] : next)
        guard head.contentLength <= 1 << 16 else { return }
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)))
        defer { _ = try? channel.finish() }
        do {
            try channel.writeInbound(ByteBuffer(bytes: whole))
        } catch {
            preconditionFailure("NIO refuses a head read as plain: \(error) \(String(decoding: bytes[..<head.length], as: UTF8.self).debugDescription)")
        }
        var first: HTTPRequestHead?, bodyLength = 0, ended = false, following: String?
        while let part = try? channel.readInbound(as: HTTPServerRequestPart.self) {
            switch part {
            case .head(let read) where first == nil: first = read
            case .head(let read): following = following ?? read.uri
            case .body(let body) where !ended: bodyLength += body.readableBytes
            case .end: ended = true
            case .body: break
            }
        }
        guard let first, ended else { preconditionFailure("NIO did not read a whole request") }
        let fields = first.headers
        precondition(first.method.rawValue == head.method && first.uri == head.target && first.version == .http1_1, "request line")
        precondition(fields.count == head.fieldCount && bodyLength == head.contentLength, "fields or body length")
        precondition(following == (closes ? nil : "/next"), "the next request starts elsewhere")
        precondition(fields["range"].first == head.range && fields["if-range"].first == head.ifRange
            && fields["if-none-match"].first == head.ifNoneMatch && fields["connection"].first?.lowercased() == head.connection,
            "field values")
        precondition(!(fields["authorization"].isEmpty && fields["cookie"].isEmpty) == head.hasCredentials, "credentials")
    }
}
