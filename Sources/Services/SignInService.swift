import Foundation
import Storage

/// Signing in: a password (trainers, admins), a picture code (learners, on any browser or an
/// enrolled kiosk), a one-time link (the first admin); and what the picture screens list. Every
/// attempt takes its turn in the store before its secret is checked
/// (``CredentialStore/takeSignInSlot(_:)``), so a burst gets no more checks than ``SignInLimits``
/// allow; refusals are `rateLimited`, wrong secrets `unauthorized`.
public struct SignInService: Sendable {
    let stores: Stores
    let passwords: PasswordHashing
    let limits: SignInLimits

    /// How long a first-run sign-in link lasts.
    public static let firstRunLinkLifetime: TimeInterval = 24 * 3_600

    public init(stores: Stores, passwords: PasswordHashing, limits: SignInLimits) {
        self.stores = stores
        self.passwords = passwords
        self.limits = limits
    }

    /// Where an attempt comes from: the client's address, and the enrolled kiosk it is made on.
    public struct Origin: Sendable {
        public var clientAddress: String
        public var kiosk: Kiosk?

        public init(clientAddress: String, kiosk: Kiosk?) {
            self.clientAddress = clientAddress
            self.kiosk = kiosk
        }

        /// Where wrong picture codes are counted: the kiosk, or the address.
        var codeSource: String { kiosk.map { "kiosk:\($0.id)" } ?? "address:\(clientAddress)" }
    }

    // MARK: signing in

    /// The person whose name and password these are; `unauthorized` (`wrong_credentials`) otherwise,
    /// after the same time for unknown names as for known ones.
    public func password(name: String, password: String, from origin: Origin) async throws -> Person {
        let person = try await stores.people.person(name: name)
        let ticket = try await take(request(.password, address: origin.clientAddress, personId: person?.id,
                                            name: person == nil ? String(name.prefix(64)) : nil))
        var valid = false
        if let hash = person?.passwordHash {
            valid = try await passwords.verify(password, hash: hash)
        } else {
            try await passwords.verifyDecoy(password)
        }
        try await stores.credentials.settleSignInSlot(ticket, succeeded: valid)
        guard valid, let person else {
            throw ServiceError(.unauthorized, "name or password is wrong", code: "wrong_credentials")
        }
        return person
    }

    /// The learner whose picture code this is; `unauthorized` (`wrong_code`, with the tries left)
    /// otherwise, `rateLimited` once the place is locked for them.
    public func pictureCode(personId: String, code: [Int], from origin: Origin) async throws -> Person {
        let code = try PictureCode.normalized(code)
        guard ResourceID.isValid(personId), let person = try await stores.people.person(id: personId),
              person.role == .learner, let hash = person.pictureCodeHash else {
            throw ServiceError.notFound("learner \(personId.prefix(40))")
        }
        let ownKiosk = try await checkKiosk(origin.kiosk, serves: person)
        let ticket = try await take(request(.picture, address: origin.clientAddress, personId: person.id, codeSource: origin.codeSource,
                                            fromOwnKiosk: ownKiosk))
        let valid = try await passwords.verify(code, hash: hash)
        try await stores.credentials.settleSignInSlot(ticket, succeeded: valid)
        guard valid else {
            if let until = try await stores.credentials.codeLocks(personIds: [person.id], source: origin.codeSource, fromOwnKiosk: ownKiosk)[person.id] {
                throw Self.tooMany("too many wrong codes: picture sign-in is locked here; ask a trainer to unlock it", until: until)
            }
            throw ServiceError(.unauthorized, "wrong picture code (\(ticket.codesLeftIfWrong ?? 0) tries left)", code: "wrong_code")
        }
        return person
    }

    /// A picture code from a kiosk must be for a learner of one of its groups (then it is their own
    /// kiosk: the learner-wide lock does not hold there).
    private func checkKiosk(_ kiosk: Kiosk?, serves person: Person) async throws -> Bool {
        guard let kiosk else { return false }
        let kioskGroups = Set(try await stores.credentials.kioskGroupIds(kiosk.id))
        guard !kioskGroups.isDisjoint(with: try await stores.people.groupIds(of: person.id)) else {
            throw AccessDenied("this learner is not in a group of this kiosk", code: "not_on_this_kiosk")
        }
        return true
    }

    /// The person a one-time link signs in, once; `unauthorized` (`invalid_link`) when it is
    /// unknown, used or expired.
    public func link(token: String, from origin: Origin) async throws -> Person {
        let ticket = try await take(request(.link, address: origin.clientAddress))
        let person = try await stores.credentials.consumeLink(tokenHash: Secret.hash(token))
        try await stores.credentials.settleSignInSlot(ticket, succeeded: person != nil)
        guard let person else {
            throw ServiceError(.unauthorized, "this sign-in link is unknown, used or expired", code: "invalid_link")
        }
        return person
    }

    /// How long a session started here lasts: a kiosk's idle time, or ``SignInLimits/sessionLifetime``.
    public func sessionLifetime(on kiosk: Kiosk?) -> Duration {
        kiosk.map { .seconds($0.idleSeconds) } ?? limits.sessionLifetime
    }

    // MARK: the picture screens

    /// The groups a sign-in screen lists: a kiosk's, or those open for sign-in anywhere.
    public func signInGroups(on kiosk: Kiosk?) async throws -> [LearningGroup] {
        try await stores.credentials.signInGroups(kioskId: kiosk?.id)
    }

    /// The learners with a picture code in a group the screen lists, each with whether picture
    /// sign-in is locked for them here; `notFound` for other groups.
    public func signInLearners(groupId: String, from origin: Origin) async throws -> [(person: Person, locked: Bool)] {
        guard try await signInGroups(on: origin.kiosk).contains(where: { $0.id == groupId }) else {
            throw ServiceError.notFound("group \(groupId.prefix(40))")
        }
        let learners = try await stores.people.members(of: groupId).filter { $0.role == .learner && $0.pictureCodeHash != nil }
        // Locks as they hold for whoever asks: this kiosk (the learners' own) or this address.
        let locks = try await stores.credentials.codeLocks(personIds: learners.map(\.id), source: origin.codeSource,
                                                           fromOwnKiosk: origin.kiosk != nil)
        return learners.map { ($0, locks[$0.id] != nil) }
    }

    // MARK: first run

    /// On an empty database: creates the first admin (`admin`) and a one-time link that signs them
    /// in; returns the link's path, or nil when someone exists already.
    public func prepareFirstRun() async throws -> String? {
        guard try await stores.people.peopleCount() == 0 else { return nil }
        let admin = try await stores.people.insertPerson(Person(name: "admin", displayName: "Administrator", role: .admin))
        let token = Secret.generate(prefix: "pll_")
        try await stores.credentials.insert(OneTimeLink(tokenHash: Secret.hash(token), personId: admin.id,
                                                        expiresAt: Date().addingTimeInterval(Self.firstRunLinkLifetime)))
        return "/api/auth/link?token=\(token)"
    }

    // MARK: turns

    /// Takes the attempt's turn, or throws the `rateLimited` that refuses it before any secret is checked.
    func take(_ request: SignInSlotRequest) async throws -> SignInTicket {
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
                          fromOwnKiosk: fromOwnKiosk, limits: limits.guardLimits)
    }

    static func tooMany(_ message: String, until: Date) -> ServiceError {
        let seconds = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        return ServiceError(.rateLimited, "\(message); try again in \(seconds) s", retryAfterSeconds: seconds)
    }
}
