/// A single-range `Range: bytes=…` request resolved against a representation's length
/// (RFC 9110 §14). Multiple ranges and unknown units are ignored: the whole file is sent.
enum ByteRangeRequest: Equatable {
    /// No usable Range header: send everything with 200.
    case whole
    /// Send these bytes with 206 and `Content-Range`.
    case partial(ClosedRange<Int>)
    /// A range that selects nothing: 416 with `Content-Range: bytes */length`.
    case unsatisfiable

    init(header: String?, length: Int) {
        guard let header else { self = .whole; return }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes="), !trimmed.contains(",") else { self = .whole; return }
        let spec = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        let isDigits = { (text: Substring) in !text.isEmpty && text.utf8.count <= 18 && text.allSatisfy { $0.isASCII && $0.isNumber } }
        if first.isEmpty {
            // Suffix form `bytes=-N`: the last N bytes.
            guard isDigits(last), let suffix = Int(last) else { self = .whole; return }
            guard suffix > 0, length > 0 else { self = .unsatisfiable; return }
            self = .partial(max(0, length - suffix)...(length - 1))
            return
        }
        guard isDigits(first), let start = Int(first) else { self = .whole; return }
        var end = length - 1
        if !last.isEmpty {
            guard isDigits(last), let value = Int(last) else { self = .whole; return }
            guard value >= start else { self = .whole; return }  // invalid: ignore the header
            end = min(value, length - 1)
        }
        guard start < length else { self = .unsatisfiable; return }
        self = .partial(start...end)
    }
}

import Foundation
