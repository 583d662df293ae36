import Foundation
import Storage
import Testing

/// The sign-in guard, one attempt at a time (README, "Guessing").
extension CredentialStoreConformance {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A picture code for `person` from `place` (`address:IP` or `kiosk:ID`).
    static func code(_ person: Person, from place: String, address: String? = nil, ownKiosk: Bool = false,
                     limits: SignInGuardLimits = SignInGuardLimits(), at now: Date = t0) -> SignInSlotRequest {
        SignInSlotRequest(method: .picture, clientAddress: address ?? String(place.split(separator: ":").last ?? ""), personId: person.id,
                          codeSource: place, fromOwnKiosk: ownKiosk, limits: limits, now: now)
    }

    static func grantedTicket(_ slot: SignInSlot) -> SignInTicket? {
        if case .granted(let ticket) = slot { return ticket }
        return nil
    }

    public static func placeLock(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let yusuf = try await Seed.person(stores, "yusuf")
        let here = "address:10.0.0.1"
        var left: [Int?] = []
        for _ in 0..<5 {
            let ticket = try await #require(grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: here))))
            #expect(ticket.personId == amina.id && ticket.codeSource == here && !ticket.fromOwnKiosk)
            left.append(ticket.codesLeftIfWrong)
            try await stores.credentials.settleSignInSlot(ticket, succeeded: false)
        }
        #expect(left == [4, 3, 2, 1, 0])
        let until = t0.addingTimeInterval(3_600)
        #expect(try await stores.credentials.takeSignInSlot(code(amina, from: here)) == .refused(.learnerHere, until: until))
        // Elsewhere, or for someone else, it goes on.
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.2")))?.codesLeftIfWrong == 4)
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(yusuf, from: here))) != nil)
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id, yusuf.id], source: here, fromOwnKiosk: false, now: t0)
            == [amina.id: until])
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id], source: "address:10.0.0.2", fromOwnKiosk: false, now: t0).isEmpty)
        #expect(try await stores.credentials.codeLocks(personIds: [], source: here, fromOwnKiosk: false, now: t0).isEmpty)
        #expect(try await stores.credentials.lockedSomewhere(personIds: [amina.id, yusuf.id], now: t0) == [amina.id])
        #expect(try await stores.credentials.lockedSomewhere(personIds: [], now: t0).isEmpty)
    }

    public static func learnerWideLock(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let limits = SignInGuardLimits(codesPerSource: 3, codesEverywhere: 6)
        var left: [Int?] = []
        for place in ["address:10.0.0.1", "address:10.0.0.2"] {
            for _ in 0..<3 {
                left.append(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: place, limits: limits)))?.codesLeftIfWrong)
            }
        }
        // The fewer of the place's and the learner's codes left.
        #expect(left == [2, 1, 0, 2, 1, 0])
        let until = t0.addingTimeInterval(limits.lockout)
        #expect(try await stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.3", limits: limits))
            == .refused(.learnerEverywhere, until: until))
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id], source: "address:10.0.0.3", fromOwnKiosk: false, now: t0)
            == [amina.id: until])
        // Their own group's kiosk is not locked: its codes count for the kiosk only.
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id], source: "kiosk:K", fromOwnKiosk: true, now: t0).isEmpty)
        let kiosk = try await #require(grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "kiosk:K", address: "10.0.0.9",
                                                                                              ownKiosk: true, limits: limits))))
        #expect(kiosk.fromOwnKiosk && kiosk.codesLeftIfWrong == 2)
        // Another kiosk is just another place.
        #expect(try await stores.credentials.takeSignInSlot(code(amina, from: "kiosk:other", address: "10.0.0.8", limits: limits))
            == .refused(.learnerEverywhere, until: until))
    }

    public static func rightCodeClears(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let limits = SignInGuardLimits(codesPerSource: 5, codesEverywhere: 8)
        let here = "address:10.0.0.1"
        for _ in 0..<4 { _ = try await stores.credentials.takeSignInSlot(code(amina, from: here, limits: limits)) }
        let right = try await #require(grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: here, limits: limits))))
        try await stores.credentials.settleSignInSlot(right, succeeded: true)
        // The place starts again, and so does the learner-wide count.
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: here, limits: limits)))?.codesLeftIfWrong == 4)
        for _ in 0..<3 { _ = try await stores.credentials.takeSignInSlot(code(amina, from: here, limits: limits)) }
        for _ in 0..<4 { _ = try await stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.2", limits: limits)) }
        #expect(try await stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.3", limits: limits))
            == .refused(.learnerEverywhere, until: t0.addingTimeInterval(limits.lockout)))
        // A right code on their own kiosk lifts the wide lock.
        let own = try await #require(grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "kiosk:K", address: "10.0.0.9",
                                                                                           ownKiosk: true, limits: limits))))
        try await stores.credentials.settleSignInSlot(own, succeeded: true)
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.3", limits: limits))) != nil)
        // A wrong one settled as wrong changes nothing more.
        let wrong = try await #require(grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.4", limits: limits))))
        try await stores.credentials.settleSignInSlot(wrong, succeeded: false)
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.0.4", limits: limits)))?.codesLeftIfWrong == 3)
    }

    public static func addressLimit(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let admin = try await Seed.person(stores, "root", .admin)
        let limits = SignInGuardLimits(window: 600, failuresPerAddress: 4)
        func password(_ seconds: Double, address: String = "9.9.9.9", name: String = "root") -> SignInSlotRequest {
            SignInSlotRequest(method: .password, clientAddress: address, personId: name == "root" ? admin.id : nil, name: name, limits: limits,
                              now: t0.addingTimeInterval(seconds))
        }
        for seconds in [0.0, 1, 2] {
            let ticket = try await #require(grantedTicket(stores.credentials.takeSignInSlot(password(seconds, name: "nobody\(seconds)"))))
            #expect(ticket.codesLeftIfWrong == nil && ticket.personId == nil)
        }
        // A success is no failure.
        let right = try await #require(grantedTicket(stores.credentials.takeSignInSlot(password(3))))
        try await stores.credentials.settleSignInSlot(right, succeeded: true)
        // Unsettled, an attempt counts as a failure.
        _ = try await #require(grantedTicket(stores.credentials.takeSignInSlot(password(4))))
        #expect(try await stores.credentials.takeSignInSlot(password(5)) == .refused(.address, until: t0.addingTimeInterval(600)))
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(password(6, address: "9.9.9.8"))) != nil)
        // The oldest failure leaves the window: one more may try.
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(password(600.5))) != nil)
        #expect(try await stores.credentials.takeSignInSlot(password(600.6)) == .refused(.address, until: t0.addingTimeInterval(601)))
    }

    public static func lockEnds(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let here = "address:10.0.0.1"
        for _ in 0..<5 { _ = try await stores.credentials.takeSignInSlot(code(amina, from: here)) }
        let until = t0.addingTimeInterval(3_600)
        #expect(try await stores.credentials.takeSignInSlot(code(amina, from: here, at: until.addingTimeInterval(-1)))
            == .refused(.learnerHere, until: until))
        // At its end the lock is gone and the place counts from zero.
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id], source: here, fromOwnKiosk: false, now: until).isEmpty)
        #expect(try await stores.credentials.lockedSomewhere(personIds: [amina.id], now: until).isEmpty)
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: here, at: until)))?.codesLeftIfWrong == 4)
        for _ in 0..<4 { _ = try await stores.credentials.takeSignInSlot(code(amina, from: here, at: until)) }
        #expect(try await stores.credentials.lockedSomewhere(personIds: [amina.id], now: until) == [amina.id])
        // A trainer's unlock lifts every lock at once.
        try await stores.credentials.clearCodeLocks(personId: amina.id)
        #expect(try await stores.credentials.lockedSomewhere(personIds: [amina.id], now: until).isEmpty)
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id], source: here, fromOwnKiosk: false, now: until).isEmpty)
        #expect(try await grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: here, at: until)))?.codesLeftIfWrong == 4)
    }

    public static func signInLog(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let limits = SignInGuardLimits(codesPerSource: 1)
        let first = try await #require(grantedTicket(stores.credentials.takeSignInSlot(code(amina, from: "address:1.1.1.1", limits: limits))))
        try await stores.credentials.settleSignInSlot(first, succeeded: false)
        let second = try await #require(grantedTicket(stores.credentials.takeSignInSlot(
            SignInSlotRequest(method: .link, clientAddress: "2.2.2.2", personId: amina.id, limits: limits, now: t0.addingTimeInterval(1)))))
        try await stores.credentials.settleSignInSlot(second, succeeded: true)
        _ = try await stores.credentials.takeSignInSlot(code(amina, from: "address:1.1.1.1", limits: limits, at: t0.addingTimeInterval(2)))
        let log = try await stores.credentials.signInAttempts(personId: amina.id, limit: 10)
        #expect(log.map(\.method) == [.picture, .link, .picture])
        #expect(log.map(\.succeeded) == [false, true, false])
        #expect(log.map(\.checked) == [false, true, true])
        #expect(log.map(\.clientAddress) == ["1.1.1.1", "2.2.2.2", "1.1.1.1"])
        #expect(log.map(\.at) == [t0.addingTimeInterval(2), t0.addingTimeInterval(1), t0])
        #expect(log.allSatisfy { $0.personId == amina.id && $0.id != nil })
        #expect(try await stores.credentials.signInAttempts(personId: amina.id, limit: 1).map(\.at) == [t0.addingTimeInterval(2)])
        #expect(try await stores.credentials.signInAttempts(personId: ResourceID.generate(), limit: 10).isEmpty)
    }
}
