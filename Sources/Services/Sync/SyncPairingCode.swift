import Crypto
import Foundation

/// The one-time code shown on one server and typed on the other: 160 random bits in 32 base32
/// letters and digits (groups of four). Both sides derive the pair's key from it and the group's
/// id (HKDF-SHA256); the code itself is never stored.
public struct SyncPairingCode: Sendable, Equatable {
    public let bytes: [UInt8]

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// A new random code.
    public static func generate() -> SyncPairingCode {
        var generator = SystemRandomNumberGenerator()
        return SyncPairingCode(bytes: (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads a typed code: case, spaces and dashes do not matter; 0, 1 and 8 are read as O, I and B.
    public init(typed: String) throws {
        let letters = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
            .map { $0 == "0" ? "O" : $0 == "1" ? "I" : $0 == "8" ? "B" : $0 }
        guard letters.count == 32 else { throw SyncError.invalidCode("it has \(letters.count) letters and digits, not 32") }
        var bits = 0
        var value = 0
        var bytes: [UInt8] = []
        for letter in letters {
            guard let index = Self.alphabet.firstIndex(of: letter) else { throw SyncError.invalidCode("'\(letter)' is not in a code") }
            value = (value << 5) | index
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((value >> bits) & 0xff))
                value &= (1 << bits) - 1
            }
        }
        self.bytes = bytes
    }

    /// As shown: eight groups of four.
    public var text: String {
        var value = 0
        var bits = 0
        var letters: [Character] = []
        for byte in bytes {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                letters.append(Self.alphabet[(value >> bits) & 31])
            }
            value &= (1 << bits) - 1
        }
        return stride(from: 0, to: letters.count, by: 4).map { String(letters[$0..<min($0 + 4, letters.count)]) }.joined(separator: "-")
    }

    /// The pair's shared key for `groupId`.
    public func key(groupId: String) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: bytes), salt: Data("parlons sync pair".utf8),
                                         info: Data(groupId.utf8), outputByteCount: 32)
        return key.withUnsafeBytes { [UInt8]($0) }
    }
}
