import Foundation
import Storage
import Testing

/// `CredentialStore`: API tokens, kiosks and one-time links here; the sign-in guard in `+Guard`
/// and its concurrency promise in `+Burst`.
public enum CredentialStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a live token names its person and is marked used; a revoked or unknown one names nobody", tokens),
        ConformanceCase("a revocation or a change to the person holds at the very next use of the token", tokenChangesHoldAtOnce),
        ConformanceCase("kiosks: insert with groups, find live ones by token, revoke, list newest first", kiosks),
        ConformanceCase("sign-in screens list a kiosk's groups, or the groups open for sign-in", signInGroups),
        ConformanceCase("a one-time link signs in once, before it expires", oneTimeLinks),
        ConformanceCase("guard: one place gets codesPerSource wrong codes, then is locked for the learner there", placeLock),
        ConformanceCase("guard: codesEverywhere wrong codes lock the learner everywhere but their own kiosks", learnerWideLock),
        ConformanceCase("guard: a right code clears the place; on the own kiosk it lifts the wide lock too", rightCodeClears),
        ConformanceCase("guard: an address with failuresPerAddress failures in the window is refused", addressLimit),
        ConformanceCase("guard: locks end after the lockout, and a trainer's unlock lifts them all", lockEnds),
        ConformanceCase("guard: the sign-in log keeps every attempt, newest first, refused ones unchecked", signInLog),
        ConformanceCase("burst: 200 codes at once from one place get codesPerSource checks", burstOnePlace),
        ConformanceCase("burst: 200 failures at once from one address get failuresPerAddress checks", burstOneAddress),
        ConformanceCase("burst: from many places the learner-wide limit holds, and the own kiosk stays open", burstEverywhere),
    ]

    public static func tokens(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let amina = try await Seed.person(stores, "amina")
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let old = APIToken(personId: amina.id, name: "old", tokenHash: "h-old", createdAt: start)
        let new = APIToken(personId: amina.id, name: "new", tokenHash: "h-new", createdAt: start.addingTimeInterval(10))
        let theirs = APIToken(personId: trainer.id, name: "script", tokenHash: "h-trainer", createdAt: start.addingTimeInterval(5))
        for token in [old, new, theirs] { try await stores.credentials.insert(token) }
        #expect(try await stores.credentials.tokens(personId: amina.id) == [new, old])
        #expect(try await stores.credentials.tokens(personId: nil) == [new, theirs, old])
        #expect(try await stores.credentials.tokens(personId: ResourceID.generate()).isEmpty)
        #expect(try await stores.credentials.token(id: old.id) == old)
        #expect(try await stores.credentials.token(id: ResourceID.generate()) == nil)
        // A hash is one token's only.
        await #expect(throws: StorageError.self) {
            try await stores.credentials.insert(APIToken(personId: trainer.id, name: "copy", tokenHash: "h-old"))
        }
        let used = start.addingTimeInterval(100)
        #expect(try await stores.credentials.personForToken(hash: "h-old", now: used) == amina)
        #expect(try await stores.credentials.personForToken(hash: "h-trainer", now: used) == trainer)
        #expect(try await stores.credentials.personForToken(hash: "nope", now: used) == nil)
        // Marked used (the note may be written after the answer: wait for it).
        var lastUsed: Date?
        for _ in 0..<3_000 {
            lastUsed = try await stores.credentials.token(id: old.id)?.lastUsedAt
            if lastUsed != nil { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(lastUsed == used)
        let revokedAt = start.addingTimeInterval(200)
        try await stores.credentials.revokeToken(id: old.id, at: revokedAt)
        #expect(try await stores.credentials.personForToken(hash: "h-old", now: revokedAt) == nil)
        #expect(try await stores.credentials.token(id: old.id)?.revokedAt == revokedAt)
        #expect(try await stores.credentials.personForToken(hash: "h-new", now: revokedAt) == amina)
        // Revoking what does not exist is no error.
        try await stores.credentials.revokeToken(id: ResourceID.generate(), at: revokedAt)
    }

    public static func tokenChangesHoldAtOnce(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        var amina = try await Seed.person(stores, "amina")
        try await stores.credentials.insert(APIToken(personId: amina.id, name: "t", tokenHash: "h"))
        let token = try #require(try await stores.credentials.tokens(personId: amina.id).first)
        for _ in 0..<3 { #expect(try await stores.credentials.personForToken(hash: "h") == amina) }
        amina.role = .trainer
        amina.displayName = "Amina K."
        try await stores.people.save(amina)
        #expect(try await stores.credentials.personForToken(hash: "h") == amina)
        try await stores.credentials.revokeToken(id: token.id)
        #expect(try await stores.credentials.personForToken(hash: "h") == nil)
        let other = try await Seed.person(stores, "yusuf")
        try await stores.credentials.insert(APIToken(personId: other.id, name: "t", tokenHash: "h2"))
        #expect(try await stores.credentials.personForToken(hash: "h2") == other)
        #expect(try await stores.people.deletePerson(id: other.id))
        #expect(try await stores.credentials.personForToken(hash: "h2") == nil)
    }

    public static func kiosks(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let first = try await Seed.group(stores, "Classe A")
        let second = try await Seed.group(stores, "Classe B")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let hall = Kiosk(name: "Hall", tokenHash: "k-hall", enrolledBy: trainer.id, idleSeconds: 120, createdAt: start)
        let library = Kiosk(name: "Bibliothèque", tokenHash: "k-lib", enrolledBy: trainer.id, idleSeconds: 300, createdAt: start.addingTimeInterval(1))
        try await stores.credentials.insert(hall, groupIds: [first.id, second.id])
        try await stores.credentials.insert(library, groupIds: [])
        #expect(try await stores.credentials.kiosk(tokenHash: "k-hall") == hall)
        #expect(try await stores.credentials.kiosk(tokenHash: "nope") == nil)
        #expect(try await stores.credentials.kiosk(id: library.id) == library)
        #expect(try await stores.credentials.kiosk(id: ResourceID.generate()) == nil)
        #expect(try await stores.credentials.kiosks() == [library, hall])
        #expect(try await Set(stores.credentials.kioskGroupIds(hall.id)) == [first.id, second.id])
        #expect(try await stores.credentials.kioskGroupIds(library.id).isEmpty)
        let revokedAt = start.addingTimeInterval(60)
        try await stores.credentials.revokeKiosk(id: hall.id, at: revokedAt)
        #expect(try await stores.credentials.kiosk(tokenHash: "k-hall") == nil)
        #expect(try await stores.credentials.kiosk(id: hall.id)?.revokedAt == revokedAt)
        // A kiosk for a group that does not exist is refused whole.
        let ghost = Kiosk(name: "Ghost", tokenHash: "k-ghost", enrolledBy: trainer.id, idleSeconds: 60)
        await #expect(throws: StorageError.self) { try await stores.credentials.insert(ghost, groupIds: [ResourceID.generate()]) }
        #expect(try await stores.credentials.kiosk(id: ghost.id) == nil)
        // A deleted group leaves its kiosks.
        _ = try await stores.people.deleteGroup(id: first.id)
        #expect(try await stores.credentials.kioskGroupIds(hall.id) == [second.id])
    }

    public static func signInGroups(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let trainer = try await Seed.person(stores, "m.durand", .trainer)
        let family = try await Seed.group(stores, "Famille", openSignIn: true)
        let closed = try await Seed.group(stores, "Classe")
        let camp = try await Seed.group(stores, "Camp", openSignIn: true)
        let kiosk = Kiosk(name: "Hall", tokenHash: "k", enrolledBy: trainer.id, idleSeconds: 60)
        try await stores.credentials.insert(kiosk, groupIds: [closed.id, family.id])
        #expect(try await stores.credentials.signInGroups(kioskId: kiosk.id) == [closed, family])
        #expect(try await stores.credentials.signInGroups(kioskId: nil) == [camp, family])
        #expect(try await stores.credentials.signInGroups(kioskId: ResourceID.generate()).isEmpty)
    }

    public static func oneTimeLinks(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let admin = try await Seed.person(stores, "root", .admin)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try await stores.credentials.insert(OneTimeLink(tokenHash: "l-1", personId: admin.id, expiresAt: now.addingTimeInterval(60)))
        try await stores.credentials.insert(OneTimeLink(tokenHash: "l-2", personId: admin.id, expiresAt: now.addingTimeInterval(60)))
        #expect(try await stores.credentials.consumeLink(tokenHash: "l-1", now: now) == admin)
        #expect(try await stores.credentials.consumeLink(tokenHash: "l-1", now: now) == nil)
        #expect(try await stores.credentials.consumeLink(tokenHash: "nope", now: now) == nil)
        // At its expiry it is no longer valid.
        #expect(try await stores.credentials.consumeLink(tokenHash: "l-2", now: now.addingTimeInterval(60)) == nil)
        // Used at once by many: one of them signs in.
        try await stores.credentials.insert(OneTimeLink(tokenHash: "l-3", personId: admin.id, expiresAt: now.addingTimeInterval(60)))
        let gate = StartingGate(count: 20)
        let signedIn = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await gate.wait()
                    return try await stores.credentials.consumeLink(tokenHash: "l-3", now: now) != nil
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(signedIn == 1)
    }
}
