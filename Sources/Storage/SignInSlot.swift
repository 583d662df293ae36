import Foundation

/// One sign-in asking for its turn: who it is for, where it comes from, and the limits to hold.
/// ``CredentialStore/takeSignInSlot(_:)`` decides it in one serialised write, so however many
/// arrive at once, no more are checked than the limits allow.
public struct SignInSlotRequest: Sendable {
    public var method: SignInAttempt.Method
    public var clientAddress: String
    /// The person tried, when known (a picture code always names one).
    public var personId: String?
    /// The name tried, for password attempts on unknown names.
    public var name: String?
    /// Where a picture code comes from: `kiosk:ID` for an enrolled kiosk, `address:IP` elsewhere.
    public var codeSource: String?
    /// True when the code comes from a kiosk enrolled for one of the learner's groups: the
    /// learner-wide lock does not apply there.
    public var fromOwnKiosk: Bool
    public var limits: SignInGuardLimits
    public var now: Date

    public init(method: SignInAttempt.Method, clientAddress: String, personId: String? = nil, name: String? = nil,
                codeSource: String? = nil, fromOwnKiosk: Bool = false, limits: SignInGuardLimits, now: Date = Date()) {
        self.method = method
        self.clientAddress = clientAddress
        self.personId = personId
        self.name = name
        self.codeSource = codeSource
        self.fromOwnKiosk = fromOwnKiosk
        self.limits = limits
        self.now = now
    }
}

/// How many failures are allowed before a lock, and for how long.
public struct SignInGuardLimits: Sendable, Equatable {
    /// The sliding window over which one address's failures count.
    public var window: TimeInterval
    /// Failed attempts (every method) one address may make in the window.
    public var failuresPerAddress: Int
    /// Wrong picture codes in a row for one learner from one place (a kiosk, an address) before
    /// that place is locked for the learner.
    public var codesPerSource: Int
    /// Wrong picture codes in a row for one learner from anywhere but their own kiosks before
    /// every place but those kiosks is locked for the learner.
    public var codesEverywhere: Int
    public var lockout: TimeInterval

    public init(window: TimeInterval = 600, failuresPerAddress: Int = 20, codesPerSource: Int = 5, codesEverywhere: Int = 15,
                lockout: TimeInterval = 3_600) {
        self.window = window
        self.failuresPerAddress = failuresPerAddress
        self.codesPerSource = codesPerSource
        self.codesEverywhere = codesEverywhere
        self.lockout = lockout
    }
}

/// The answer to a ``SignInSlotRequest``.
public enum SignInSlot: Sendable, Equatable {
    /// Check the secret, then report with ``CredentialStore/settleSignInSlot(_:succeeded:)``.
    /// Until then the attempt counts as a failure.
    case granted(SignInTicket)
    /// Do not check anything: refused until `until`.
    case refused(SignInRefusal, until: Date)
}

/// Why a sign-in was refused before its secret was checked.
public enum SignInRefusal: String, Sendable, Equatable {
    /// This address failed too often in the window.
    case address
    /// This learner is locked from this place (this kiosk or address).
    case learnerHere
    /// This learner is locked everywhere but their own group's kiosks.
    case learnerEverywhere
}

/// A granted attempt, to settle once its secret is checked.
public struct SignInTicket: Sendable, Equatable {
    public let attemptId: Int64
    public let personId: String?
    public let codeSource: String?
    public let fromOwnKiosk: Bool
    /// For a picture code: how many more wrong codes this place may send before it is locked,
    /// if this one is wrong (as counted when the turn was taken).
    public let codesLeftIfWrong: Int?

    public init(attemptId: Int64, personId: String?, codeSource: String?, fromOwnKiosk: Bool, codesLeftIfWrong: Int?) {
        self.attemptId = attemptId
        self.personId = personId
        self.codeSource = codeSource
        self.fromOwnKiosk = fromOwnKiosk
        self.codesLeftIfWrong = codesLeftIfWrong
    }
}
