/// Finds the first syntax error of a JSON text and its line, since JSONDecoder only says that the
/// data is not valid JSON.
struct JSONSyntaxChecker {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    /// Deeper nesting is refused rather than risking the stack.
    static let maxDepth = 256

    struct Failure: Error {
        var line: Int
        var message: String
    }

    /// The first syntax error, or nil when the text is well-formed JSON.
    static func firstError(in text: String) -> Failure? {
        var checker = JSONSyntaxChecker(bytes: Array(text.utf8))
        do throws(Failure) {
            try checker.value(depth: 0)
            checker.skipSpace()
            if checker.index < checker.bytes.count { throw checker.fail("unexpected text after the end of the JSON") }
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ message: String) -> Failure { Failure(line: line, message: message) }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { throw fail("expected \(what)") }
        index += 1
    }

    private mutating func value(depth: Int) throws(Failure) {
        skipSpace()
        guard index < bytes.count else { throw fail("the JSON ends where a value was expected") }
        guard depth < Self.maxDepth else { throw fail("the JSON is nested too deeply") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
                try string()
                try expect(UInt8(ascii: ":"), "':' after a key")
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw fail("the JSON ends inside an object") }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
                index += 1
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw fail("the JSON ends inside a list") }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
                index += 1
            }
        case UInt8(ascii: "\""):
            try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil else { throw fail("\"\(text)\" is not a number") }
        default:
            for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return
            }
            throw fail("unexpected character")
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): index += 1; return
            case UInt8(ascii: "\\"): index += 2
            case 0..<0x20: throw fail("a text in quotes is not closed on its line")
            default: index += 1
            }
        }
        throw fail("the JSON ends inside a text in quotes")
    }
}
