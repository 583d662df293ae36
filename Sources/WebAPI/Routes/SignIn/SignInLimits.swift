import Foundation
import Hummingbird
import Storage

/// How hard guessing is made (README, "Signing in"): failures per client address in a sliding
/// window; wrong picture codes per learner and place (kiosk or address), then per learner
/// everywhere but their own group's kiosks. Every attempt takes its turn in the store before its
/// secret is checked, so a burst gets no more checks than these numbers.
public struct SignInLimits: Sendable {
    public var guardLimits = SignInGuardLimits()
    /// Sessions outside kiosks last this long.
    public var sessionLifetime: Duration = .seconds(12 * 3_600)

    public init() {}

    /// Takes the attempt's turn, or throws the `429` that refuses it before any secret is checked.
    func take(_ request: SignInSlotRequest, stores: Stores) async throws -> SignInTicket {
        switch try await stores.credentials.takeSignInSlot(request) {
        case .granted(let ticket):
            return ticket
        case .refused(.address, let until):
            throw Self.tooMany("too many failed sign-ins from this address", until: until)
        case .refused(.learnerHere, let until):
            throw Self.tooMany("picture sign-in is locked for this learner here: ask a trainer to unlock it", until: until)
        case .refused(.learnerEverywhere, let until):
            throw Self.tooMany("picture sign-in is locked for this learner except on their group's kiosk: ask a trainer to unlock it",
                               until: until)
        }
    }

    /// A slot request with these limits.
    func request(_ method: SignInAttempt.Method, address: String, personId: String? = nil, name: String? = nil,
                 codeSource: String? = nil, fromOwnKiosk: Bool = false) -> SignInSlotRequest {
        SignInSlotRequest(method: method, clientAddress: address, personId: personId, name: name, codeSource: codeSource,
                          fromOwnKiosk: fromOwnKiosk, limits: guardLimits)
    }

    static func tooMany(_ message: String, until: Date) -> APIError {
        let seconds = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        return APIError(.tooManyRequests, code: "rate_limited", message: "\(message); try again in \(seconds) s",
                        headers: [.retryAfter: "\(seconds)"])
    }
}
