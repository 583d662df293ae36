import Foundation

/// The few elements Parlons reads from S3's XML answers (`<Code>`, `<Key>`, `<UploadId>`…),
/// found by name. S3's answers are flat enough for this, and it keeps libxml2 out of the build;
/// a body cut short or garbled is reported, never guessed at.
struct S3XML {
    let text: String

    init(_ bytes: [UInt8]) {
        text = String(decoding: bytes, as: UTF8.self)
    }

    init(text: String) {
        self.text = text
    }

    /// True when the body is an XML document whose root element `root` is closed.
    func isComplete(root: String) -> Bool {
        text.contains("<\(root)") && (text.contains("</\(root)>") || text.contains("<\(root)/>"))
    }

    /// The decoded text of every `<name>…</name>`, in order.
    func values(_ name: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        let open = "<\(name)>", close = "</\(name)>"
        while let start = rest.range(of: open) {
            guard let end = rest[start.upperBound...].range(of: close) else { break }
            found.append(Self.decodeEntities(String(rest[start.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return found
    }

    func value(_ name: String) -> String? { values(name).first }

    /// Every `<name>…</name>` as a document of its own, its text undecoded (a listing's
    /// `<Contents>` or `<Upload>`, whose fields belong together).
    func elements(_ name: String) -> [S3XML] {
        var found: [S3XML] = []
        var rest = text[...]
        let open = "<\(name)>", close = "</\(name)>"
        while let start = rest.range(of: open) {
            guard let end = rest[start.upperBound...].range(of: close) else { break }
            found.append(S3XML(text: String(rest[start.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// An ISO 8601 time as listings give it (`2026-12-06T15:20:00.000Z`, fractions optional).
    static func time(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let scalar = number.flatMap(UnicodeScalar.init) { result.unicodeScalars.append(scalar) } else { result += "&\(entity);" }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
