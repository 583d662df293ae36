/// Identifiers of recordings, people, groups and the rest: 22 random base64url characters (132
/// bits). Unguessable, safe in URLs and file names, and checked before any lookup so a path can never smuggle `..` or `/` anywhere.
public enum ResourceID {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    public static let length = 22

    /// A new identifier from the system's secure random generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        // 22 characters × 6 bits ≈ 132 bits; the last character carries 2 spare bits. The first is
        // never '-': an id that starts like an option (`--group -x…`) is refused by the command line.
        while characters.count < length {
            let character = alphabet[Int(generator.next() % 64)]
            if characters.isEmpty && character == UInt8(ascii: "-") { continue }
            characters.append(character)
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// True when `candidate` has the shape of an identifier we issue.
    public static func isValid(_ candidate: some StringProtocol) -> Bool {
        candidate.utf8.count == length && candidate.utf8.allSatisfy(isAlphabet)
    }

    /// Ranges rather than a search of `alphabet`: every request naming an id runs this.
    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
