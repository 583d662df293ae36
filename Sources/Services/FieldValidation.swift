/// Checks on the free-text fields people send.
public enum FieldValidation {
    public static let maxTitleLength = 200

    /// A title: at most 200 characters, no control characters. Surrounding spaces are dropped.
    public static func title(_ raw: some StringProtocol, field: String = "title") throws -> String {
        let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard title.count <= maxTitleLength else { throw ServiceError.invalidField(field, "longer than \(maxTitleLength) characters") }
        guard !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServiceError.invalidField(field, "contains control characters")
        }
        return title
    }

    /// A name (of a group, a network, a token): a title, not empty.
    public static func name(_ raw: some StringProtocol, field: String = "name") throws -> String {
        let name = try title(raw, field: field)
        guard !name.isEmpty else { throw ServiceError.invalidField(field, "must not be empty") }
        return name
    }

    /// A BCP 47 language tag, checked for shape (`fr`, `ar-MA`, `rom`, `zh-Hant-TW`, `und`).
    public static func language(_ raw: some StringProtocol, field: String = "language") throws -> String {
        let tag = String(raw)
        guard LanguageTag.canonical(tag) != nil else { throw ServiceError.invalidField(field, "'\(tag.prefix(40))' is not a BCP 47 language tag") }
        return tag
    }
}

import Foundation
import Transcripts
