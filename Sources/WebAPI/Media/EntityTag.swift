/// Strong entity tags and the conditional-request checks of RFC 9110 §13.
struct EntityTag: Equatable {
    /// The opaque value, without quotes.
    let value: String

    var header: String { "\"\(value)\"" }

    /// `If-None-Match`: true when any listed tag matches (weak comparison) or the list is `*`.
    func matchesIfNoneMatch(_ field: String) -> Bool {
        field.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == header
        }
    }

    /// `If-Range`: only an exact strong match keeps the range (a date or weak tag never does here).
    func matchesIfRange(_ field: String) -> Bool {
        field.trimmingCharacters(in: .whitespaces) == header
    }
}

import Foundation
