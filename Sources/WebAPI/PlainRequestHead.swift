/// The head of an HTTP/1.1 request read straight from a connection's bytes, by ``PublicAudioFastPath``.
///
/// Only the plainest form is read: `METHOD /target HTTP/1.1` with one space between the three,
/// CRLF line ends, token header names, printable values with no white space after them, no
/// folding, no `Transfer-Encoding`, one `Content-Length` at most and `Connection` only `keep-alive`
/// or `close`. Anything else is ``Reading/unusual`` and goes, with every byte after it, to NIO's
/// HTTP parser: so wherever this reader gives a head, NIO's parser reads the same request and the
/// same body length (a test feeds both the same mutated heads).
struct PlainRequestHead: Equatable {
    /// What the start of a connection's unread bytes holds.
    enum Reading: Equatable {
        /// Not yet a whole head: wait for more bytes.
        case incomplete
        /// Not the plain form (or longer than ``maxLength``): leave the connection to NIO.
        case unusual
        case head(PlainRequestHead)
    }

    /// Heads longer than this are left to NIO's parser, which enforces Hummingbird's own limits.
    static let maxLength = 8_192
    static let maxFieldCount = 100
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    var method: String
    var target: String
    /// Bytes of the head, final empty line included.
    var length: Int
    var fieldCount: Int
    var contentLength = 0
    /// `Authorization` or `Cookie` is present: the caller may be someone.
    var hasCredentials = false
    var connection: String?
    var range: String?
    var ifRange: String?
    var ifNoneMatch: String?

    /// Reads the head at the start of `bytes`.
    static func read(_ bytes: UnsafeRawBufferPointer) -> Reading {
        var reader = HeadReader(bytes: bytes)
        return reader.read()
    }
}

/// The byte-by-byte reading behind ``PlainRequestHead/read(_:)``.
private struct HeadReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    /// Fields whose repetition would need a rule of its own (joined values, or two body lengths).
    static let singleFields = ["content-length", "connection", "range", "if-range", "if-none-match"]

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func read() -> PlainRequestHead.Reading {
        guard let end = headEnd() else {
            return bytes.count > PlainRequestHead.maxLength ? .unusual : .incomplete
        }
        guard end <= PlainRequestHead.maxLength, let method = word(until: 0x20), PlainRequestHead.methods.contains(method),
              let target = word(until: 0x20), target.utf8.first == UInt8(ascii: "/"), skip("HTTP/1.1\r\n")
        else { return .unusual }
        var head = PlainRequestHead(method: method, target: target, length: end, fieldCount: 0)
        var seen: UInt8 = 0  // a bit for each field that may appear once
        while at < end - 2 {
            guard head.fieldCount < PlainRequestHead.maxFieldCount, let (name, value) = field() else { return .unusual }
            head.fieldCount += 1
            if let bit = Self.singleFields.firstIndex(of: name) {
                guard seen & (1 << bit) == 0 else { return .unusual }
                seen |= 1 << bit
            }
            switch name {
            case "transfer-encoding": return .unusual
            case "content-length":
                guard !value.isEmpty, value.utf8.count <= 15, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                      let length = Int(value) else { return .unusual }
                head.contentLength = length
            case "connection":
                let lowered = value.lowercased()
                guard lowered == "keep-alive" || lowered == "close" else { return .unusual }
                head.connection = lowered
            case "authorization", "cookie": head.hasCredentials = true
            case "range": head.range = value
            case "if-range": head.ifRange = value
            case "if-none-match": head.ifNoneMatch = value
            default: break
            }
        }
        return .head(head)
    }

    /// The offset just past the first CRLF CRLF.
    func headEnd() -> Int? {
        var index = 3
        while index < bytes.count {
            if bytes[index] == 0x0A, bytes[index - 1] == 0x0D, bytes[index - 2] == 0x0A, bytes[index - 3] == 0x0D { return index + 1 }
            index += 1
        }
        return nil
    }

    /// Visible ASCII up to `stop`, which is skipped.
    mutating func word(until stop: UInt8) -> String? {
        let start = at
        while at < bytes.count, (0x21...0x7E).contains(bytes[at]) { at += 1 }
        guard at > start, at < bytes.count, bytes[at] == stop else { return nil }
        defer { at += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
    }

    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[at + offset] != literal.utf8Start[offset] { return false }
        at += count
        return true
    }

    /// `name: value CRLF`, the name lowercased, the value without the white space before it.
    mutating func field() -> (String, String)? {
        let nameStart = at
        while at < bytes.count, Self.isTokenByte(bytes[at]) { at += 1 }
        guard at > nameStart, at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return nil }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<at]), as: UTF8.self).lowercased()
        at += 1
        var valueStart = at
        while at < bytes.count, bytes[at] == 0x09 || (0x20...0x7E).contains(bytes[at]) { at += 1 }
        guard at + 1 < bytes.count, bytes[at] == 0x0D, bytes[at + 1] == 0x0A else { return nil }
        let valueEnd = at
        at += 2
        while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
        // NIO keeps white space after a value, and some of its readers refuse it: not plain.
        if valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { return nil }
        return (name, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self))
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
