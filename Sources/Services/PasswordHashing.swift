import NIOPosix
import Storage
import Synchronization

/// Hashes and checks the secrets people type or tap (passwords, picture codes), on NIO's thread
/// pool: each costs tens to hundreds of milliseconds of CPU, which must not stall the tasks serving
/// other requests. The algorithm is given by whoever starts Parlons (`parlons` gives bcrypt), so the
/// services name no HTTP library.
public struct PasswordHashing: Sendable {
    /// Cost for passwords (bcrypt: about 250 ms here).
    public static let passwordCost: UInt8 = 12
    /// Picture codes have only 1,728 values: the rate limit protects them, not the hash cost.
    public static let pictureCodeCost: UInt8 = 8

    private let hashing: @Sendable (String, UInt8) -> String
    private let verifying: @Sendable (String, String) -> Bool
    /// A hash of a random secret, made on first use, that unknown names are checked against.
    private let decoy = Decoy()

    /// - Parameters:
    ///   - hash: the secret's hash at a cost (blocking: it is run on the thread pool).
    ///   - verify: whether a secret matches a hash `hash` made.
    public init(hash: @escaping @Sendable (_ secret: String, _ cost: UInt8) -> String,
                verify: @escaping @Sendable (_ secret: String, _ hash: String) -> Bool) {
        hashing = hash
        verifying = verify
    }

    /// The secret's hash at `cost`, to store in its place.
    public func hash(_ secret: String, cost: UInt8 = passwordCost) async throws -> String {
        let hashing = self.hashing
        return try await NIOThreadPool.singleton.runIfActive { hashing(secret, cost) }
    }

    /// Whether `secret` is the one `hash` was made from.
    public func verify(_ secret: String, hash: String) async throws -> Bool {
        let verifying = self.verifying
        return try await NIOThreadPool.singleton.runIfActive { verifying(secret, hash) }
    }

    /// Spends the time a check against a real password would, for a name that has none, so
    /// timing does not tell which names exist.
    public func verifyDecoy(_ secret: String) async throws {
        _ = try await verify(secret, hash: try await decoy.hash { try await hash(Secret.generate()) })
    }
}

/// The decoy hash, made once (two first uses at once may both make one; either will do).
private final class Decoy: Sendable {
    private let made = Mutex<String?>(nil)

    func hash(_ make: () async throws -> String) async throws -> String {
        if let hash = made.withLock({ $0 }) { return hash }
        let hash = try await make()
        made.withLock { $0 = $0 ?? hash }
        return hash
    }
}
