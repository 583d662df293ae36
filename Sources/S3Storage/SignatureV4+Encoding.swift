import Crypto

extension SignatureV4 {
    /// RFC 3986 percent-encoding as AWS wants it: only `A-Z a-z 0-9 - . _ ~` stay, in UTF-8
    /// bytes, with uppercase hex; `/` too when `keepingSlash` (paths).
    public static func encode(_ text: String, keepingSlash: Bool = false) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: "/") where keepingSlash:
                encoded.append("/")
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(UnicodeScalar(digits[Int(byte >> 4)]))
                encoded.unicodeScalars.append(UnicodeScalar(digits[Int(byte & 0x0F)]))
            }
        }
        return encoded
    }

    /// S3 signs the path as sent, each segment encoded once (no `.`/`..` folding).
    static func encodePath(_ path: String) -> String {
        path.isEmpty ? "/" : encode(path, keepingSlash: true)
    }

    /// Encoded names and values, sorted by name then value, `name=value` joined with `&`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (encode($0.name), encode($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lowercased names, sorted; values trimmed with inner runs of spaces made one.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        for header in headers {
            let value = header.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            merged[header.name.lowercased(), default: []].append(value)
        }
        return merged.keys.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
    }

    static func signedHeaderNames(_ headers: [(name: String, value: String)]) -> String {
        Set(headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
    }

    /// Lowercase hex SHA-256 of the bytes.
    public static func hexSHA256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
