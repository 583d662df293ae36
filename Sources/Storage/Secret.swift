import Crypto
import Foundation

/// Bearer secrets (API tokens, kiosk tokens, one-time links, session ids): 256 random bits,
/// handed out once and stored only as their SHA-256.
public enum Secret {
    /// A new secret: `prefix` followed by 43 base64url characters.
    public static func generate(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What is stored in place of the secret.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).lowercaseHex
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte (how hashes are named and compared here).
    /// Built byte by byte: every signed-in request hashes its secret, and a string per byte showed
    /// in the profile.
    public var lowercaseHex: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
