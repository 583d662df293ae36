import Crypto
import Foundation

/// The SHA-256 names Parlons gives content (files, shipped scenarios), in lowercase hexadecimal.
public enum ContentHash {
    public static func sha256(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).lowercaseHex
    }
}
