import Foundation
import Storage
import Testing

/// The concurrency promise of `takeSignInSlot`: however many attempts arrive at once, no more are
/// granted than the limits allow (and no fewer: each is decided on every attempt before it).
extension CredentialStoreConformance {
    /// Takes every request at once; the granted ones, by request index.
    static func burst(_ stores: Stores, _ requests: [SignInSlotRequest]) async throws -> [Int: SignInTicket] {
        let gate = StartingGate(count: requests.count)
        return try await withThrowingTaskGroup(of: (Int, SignInTicket?).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask {
                    await gate.wait()
                    return (index, grantedTicket(try await stores.credentials.takeSignInSlot(request)))
                }
            }
            var granted: [Int: SignInTicket] = [:]
            for try await (index, ticket) in group { granted[index] = ticket }
            return granted
        }
    }

    public static func burstOnePlace(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let limits = SignInGuardLimits()
        let granted = try await burst(stores, Array(repeating: code(amina, from: "address:10.0.0.1", limits: limits), count: 200))
        #expect(granted.count == limits.codesPerSource)
        // Each was told how many were left after it, every count once.
        #expect(Set(granted.values.compactMap(\.codesLeftIfWrong)) == Set(0..<limits.codesPerSource))
        #expect(try await stores.credentials.codeLocks(personIds: [amina.id], source: "address:10.0.0.1", fromOwnKiosk: false, now: t0).keys
            .contains(amina.id))
    }

    public static func burstOneAddress(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let limits = SignInGuardLimits()
        let requests = (0..<200).map {
            SignInSlotRequest(method: .password, clientAddress: "10.0.0.7", name: "guess\($0)", limits: limits, now: t0)
        }
        let granted = try await burst(stores, requests)
        #expect(granted.count == limits.failuresPerAddress)
        #expect(Set(granted.values.map(\.attemptId)).count == granted.count)
        #expect(try await stores.credentials.takeSignInSlot(requests[0]) == .refused(.address, until: t0.addingTimeInterval(limits.window)))
    }

    public static func burstEverywhere(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let limits = SignInGuardLimits(failuresPerAddress: 1_000)
        // 15 codes from each of 10 addresses, and 50 from the learner's own kiosk, interleaved.
        var requests: [SignInSlotRequest] = []
        for round in 0..<15 {
            for address in 0..<10 { requests.append(code(amina, from: "address:10.0.1.\(address)", limits: limits)) }
            if round < 10 {
                for _ in 0..<5 { requests.append(code(amina, from: "kiosk:own", address: "10.0.2.1", ownKiosk: true, limits: limits)) }
            }
        }
        #expect(requests.count == 200)
        let granted = try await burst(stores, requests)
        let fromKiosk = granted.values.filter(\.fromOwnKiosk)
        let elsewhere = granted.values.filter { !$0.fromOwnKiosk }
        #expect(elsewhere.count == limits.codesEverywhere)
        #expect(fromKiosk.count == limits.codesPerSource)
        for address in 0..<10 {
            #expect(elsewhere.filter { $0.codeSource == "address:10.0.1.\(address)" }.count <= limits.codesPerSource)
        }
        let until = t0.addingTimeInterval(limits.lockout)
        #expect(try await stores.credentials.takeSignInSlot(code(amina, from: "address:10.0.3.1", limits: limits))
            == .refused(.learnerEverywhere, until: until))
    }
}
