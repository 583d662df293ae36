import HummingbirdBcrypt
import NIOPosix

/// bcrypt on NIO's thread pool: each hash costs tens to hundreds of milliseconds of CPU, which must
/// not stall the tasks serving other requests.
public enum PasswordHashing {
    /// bcrypt cost for passwords (about 250 ms here).
    public static let passwordCost: UInt8 = 12
    /// Picture codes have only 1,728 values: the rate limit protects them, not the hash cost.
    public static let pictureCodeCost: UInt8 = 8

    public static func hash(_ secret: String, cost: UInt8 = passwordCost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(secret, cost: cost) }
    }

    public static func verify(_ secret: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(secret, hash: hash) }
    }
}

/// The twelve pictures a learner's code is made of (three, in order).
public enum PictureCode {
    public static let pictures = ["sun", "moon", "tree", "flower", "house", "car", "fish", "bird", "cat", "apple", "boat", "key"]
    public static let length = 3

    /// Checks a code's shape and turns it into the string that is hashed.
    public static func normalized(_ code: [Int]) throws -> String {
        guard code.count == length, code.allSatisfy({ pictures.indices.contains($0) }) else {
            throw APIError.invalidField("code", "must be \(length) picture numbers from 0 to \(pictures.count - 1)")
        }
        return code.map(String.init).joined(separator: "-")
    }
}
