import Foundation

/// Checks on people's fields; each refusal is an `invalidField` naming the field.
public enum PersonFields {
    /// A sign-in name: 1 to 64 letters, digits, `.`, `-` or `_`, lowercased.
    public static func name(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || ".-_".contains($0) }) else {
            throw ServiceError.invalidField("name", "1 to 64 letters, digits, '.', '-' or '_'")
        }
        return name
    }

    /// The name shown to others: a title, not empty.
    public static func displayName(_ raw: String) throws -> String {
        let name = try FieldValidation.title(raw, field: "displayName")
        guard !name.isEmpty else { throw ServiceError.invalidField("displayName", "must not be empty") }
        return name
    }

    /// At most 16 BCP 47 tags.
    public static func languages(_ tags: [String]) throws -> [String] {
        guard tags.count <= 16 else { throw ServiceError.invalidField("languages", "at most 16") }
        return try tags.map { try FieldValidation.language($0, field: "languages") }
    }

    /// A picture key: the name of a picture the client knows (letters, digits, `-`, `_`, `.`).
    public static func picture(_ raw: String) throws -> String {
        guard (1...128).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
              !raw.hasPrefix(".") else {
            throw ServiceError.invalidField("picture", "a picture key of letters, digits, '-', '_' or '.'")
        }
        return raw
    }

    /// A password: 8 characters to 72 bytes (bcrypt's limit).
    public static func password(_ raw: String) throws -> String {
        guard raw.count >= 8 else { throw ServiceError.invalidField("password", "at least 8 characters") }
        guard raw.utf8.count <= 72 else { throw ServiceError.invalidField("password", "at most 72 bytes (bcrypt's limit)") }
        return raw
    }
}
