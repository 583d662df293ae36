import Foundation
import Storage

/// How hard guessing is made (README, "Signing in"): failures per client address in a sliding
/// window; wrong picture codes per learner and place (kiosk or address), then per learner
/// everywhere but their own group's kiosks; and how long a session lasts.
public struct SignInLimits: Sendable {
    public var guardLimits = SignInGuardLimits()
    /// Sessions outside kiosks last this long.
    public var sessionLifetime: Duration = .seconds(12 * 3_600)

    public init() {}
}
