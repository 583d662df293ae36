import Foundation
import Storage
import TestSupport
import Testing

/// Two Parlons nodes on one database: each opens its own stores (its own pool), as two servers
/// behind a load balancer would. What one changes holds on the other at once, and the serialised
/// writes are serialised across both.
@Suite("Two nodes on one PostgreSQL database")
struct TwoNodeTests {
    /// Stores for two nodes on one new database, and a clean-up.
    static func twoNodes() async throws -> (Stores, Stores, () -> Void) {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.createDatabase(prefix: "nodes")
        let folder = try ExternalTool.temporaryDirectory("parlons-nodes")
        let url = cluster.url(database: database)
        // One media folder for both, as a shared blob store would be.
        let first = try await PostgresStores.open(url: url, root: folder)
        let second = try await PostgresStores.open(url: url, root: folder)
        return (first, second, {
            try? FileManager.default.removeItem(at: folder)
            try? cluster.dropDatabase(database)
        })
    }

    @Test("a revoked token, an ended session, a withdrawn or narrowed recording and a renamed person hold on the other node at once")
    func changesHoldEverywhere() async throws {
        let (a, b, cleanUp) = try await Self.twoNodes()
        defer { cleanUp() }
        let person = try await a.people.insertPerson(Person(name: "amina", displayName: "Amina", role: .admin))
        let token = APIToken(personId: person.id, name: "script", tokenHash: Secret.hash("t1"))
        try await a.credentials.insert(token)
        #expect(try await b.credentials.personForToken(hash: token.tokenHash)?.id == person.id)
        try await a.credentials.revokeToken(id: token.id)
        #expect(try await b.credentials.personForToken(hash: token.tokenHash) == nil)

        try await a.sessions.setValue(Data([1, 2]), forKey: "session", expiresAt: Date().addingTimeInterval(60))
        #expect(try await b.sessions.value(forKey: "session")?.value == Data([1, 2]))
        try await a.sessions.removeValue(forKey: "session")
        #expect(try await b.sessions.value(forKey: "session") == nil)

        var renamed = person
        renamed.displayName = "Amina B."
        try await b.people.save(renamed)
        #expect(try await a.people.person(id: person.id)?.displayName == "Amina B.")

        let recording = Recording(id: ResourceID.generate(), title: "t", language: "fr", durationMs: 1_000, sampleCount: 48_000,
                                  inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: 3, sha256: Secret.hash("r"),
                                  sourceFormat: "wav/pcm16", createdAt: Date(), ownerId: person.id, visibility: .public)
        _ = try await a.recordings.insert(recording, publishing: {}, unpublishing: { _ in })
        #expect(try await b.recordings.recording(id: recording.id, visibleTo: .anonymous()) != nil)
        _ = try await a.recordings.setVisibility(id: recording.id, visibility: .private, sharedWithMentor: false)
        #expect(try await b.recordings.recording(id: recording.id, visibleTo: .anonymous()) == nil)
        _ = try await a.recordings.setVisibility(id: recording.id, visibility: .public, sharedWithMentor: false)
        #expect(try await b.recordings.recording(id: recording.id, visibleTo: .anonymous()) != nil)
        _ = try await a.recordings.withdraw(id: recording.id, by: person.id, now: Date(), unreferenced: { _ in })
        #expect(try await b.recordings.recording(id: recording.id, visibleTo: .anonymous()) == nil)
        #expect(try await b.recordings.tombstone(recordingId: recording.id) != nil)
    }

    @Test("a burst of sign-ins from one address split over both nodes is granted no more checks than the limit")
    func signInBurstAcrossNodes() async throws {
        let (a, b, cleanUp) = try await Self.twoNodes()
        defer { cleanUp() }
        let limits = SignInGuardLimits(failuresPerAddress: 5)
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<24 {
                let node = index.isMultiple(of: 2) ? a : b
                group.addTask {
                    let slot = try await node.credentials.takeSignInSlot(
                        SignInSlotRequest(method: .password, clientAddress: "203.0.113.9", name: "x\(index)", limits: limits))
                    if case .granted = slot { return true }
                    return false
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 5)
    }

    @Test("two attempts at once on two nodes both count towards the learner's level")
    func attemptsAcrossNodes() async throws {
        let (a, b, cleanUp) = try await Self.twoNodes()
        defer { cleanUp() }
        let learner = try await a.people.insertPerson(Person(name: "lea", displayName: "Léa", role: .learner))
        let recording = Recording(id: ResourceID.generate(), title: "t", language: "fr", durationMs: 1_000, sampleCount: 48_000,
                                  inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: 3, sha256: Secret.hash("p"),
                                  sourceFormat: "wav/pcm16", createdAt: Date(), ownerId: learner.id)
        _ = try await a.recordings.insert(recording, publishing: {}, unpublishing: { _ in })
        let results = try await withThrowingTaskGroup(of: RecordedAttempt.self) { group in
            for index in 0..<6 {
                let node = index.isMultiple(of: 2) ? a : b
                group.addTask {
                    try await node.progress.record(Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: 1,
                                                           kind: .gapFill, segment: 0, level: .beginner, answer: AttemptAnswer(),
                                                           score: 100))
                }
            }
            return try await group.reduce(into: [RecordedAttempt]()) { $0.append($1) }
        }
        // However the six interleave, the level moves up exactly once, and every attempt is kept.
        #expect(results.filter { $0.previousLevel != $0.progress.level }.count == 1)
        #expect(try await b.progress.attempts(personIds: [learner.id], limit: 10).count == 6)
        #expect(try await a.progress.progress(personId: learner.id, recordingId: recording.id)?.level != .beginner)
    }
}
