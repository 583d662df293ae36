/// A single-range `Range: bytes=…` request resolved against a representation's length
/// (RFC 9110 §14). Multiple ranges and unknown units are ignored: the whole file is sent.
enum ByteRangeRequest: Equatable {
    /// No usable Range header: send everything with 200.
    case whole
    /// Send these bytes with 206 and `Content-Range`.
    case partial(ClosedRange<Int>)
    /// A range that selects nothing: 416 with `Content-Range: bytes */length`.
    case unsatisfiable

    /// Parsed over the header's bytes: this runs for every audio request, and Foundation's string
    /// trimming and case folding cost as much as the rest of serving a cached range.
    init(header: String?, length: Int) {
        guard let header else { self = .whole; return }
        let bytes = Self.trimmed(Array(header.utf8)[...])
        let unit = Array("bytes=".utf8)
        guard bytes.count >= unit.count, zip(bytes, unit).allSatisfy({ Self.lowercased($0) == $1 }),
              !bytes.contains(UInt8(ascii: ","))
        else { self = .whole; return }
        let spec = Self.trimmed(bytes.dropFirst(unit.count))
        guard let dash = spec.firstIndex(of: UInt8(ascii: "-")) else { self = .whole; return }
        let first = spec[..<dash], last = spec[(dash + 1)...]
        if first.isEmpty {
            // Suffix form `bytes=-N`: the last N bytes.
            guard let suffix = Self.number(last) else { self = .whole; return }
            guard suffix > 0, length > 0 else { self = .unsatisfiable; return }
            self = .partial(max(0, length - suffix)...(length - 1))
            return
        }
        guard let start = Self.number(first) else { self = .whole; return }
        var end = length - 1
        if !last.isEmpty {
            guard let value = Self.number(last) else { self = .whole; return }
            guard value >= start else { self = .whole; return }  // invalid: ignore the header
            end = min(value, length - 1)
        }
        guard start < length else { self = .unsatisfiable; return }
        self = .partial(start...end)
    }

    /// 1–18 ASCII digits (so the value fits an `Int`), else nil.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let from = bytes.firstIndex(where: { !blank($0) }), let to = bytes.lastIndex(where: { !blank($0) }) else { return [] }
        return bytes[from...to]
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}

import Foundation
