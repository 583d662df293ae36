import Foundation
import Hummingbird
import HummingbirdBcrypt
import Storage

/// How hard guessing is made: failures per client address in a sliding window, and a per-learner
/// lockout after wrong picture codes in a row.
public struct SignInLimits: Sendable {
    public var window: TimeInterval = 600
    /// Failed attempts one address may make in the window, per method.
    public var failuresPerAddress = 20
    public var codeAttemptsBeforeLockout = 5
    public var lockoutSeconds: TimeInterval = 3_600
    /// Sessions outside kiosks last this long.
    public var sessionLifetime: Duration = .seconds(12 * 3_600)

    public init() {}

    /// A bcrypt hash of a random secret, verified against unknown names (made once, on first use).
    static let decoyHash = Bcrypt.hash(Secret.generate(), cost: PasswordHashing.passwordCost)

    /// `429` once an address has failed too often within the window.
    func checkAddress(_ address: String, directory: SQLiteMetadataStore, method: SignInAttempt.Method) async throws {
        let now = Date()
        let failures = try await directory.failedAttempts(clientAddress: address, since: now.addingTimeInterval(-window))
        guard failures.count >= failuresPerAddress, let oldest = failures.first else { return }
        throw Self.tooMany("too many failed sign-ins from this address", until: oldest.addingTimeInterval(window))
    }

    static func tooMany(_ message: String, until: Date) -> APIError {
        let seconds = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        return APIError(.tooManyRequests, code: "rate_limited", message: "\(message); try again in \(seconds) s",
                        headers: [.retryAfter: "\(seconds)"])
    }
}
