import Exercises
import Foundation
import Services
import Storage
import Transcripts

/// One server of a sync test: real embedded stores in a folder of their own, and the operations
/// people do on it while it is cut off from the other.
struct SyncSide: Sendable {
    let world: ServiceWorld
    let name: String

    init(_ name: String, under parent: URL? = nil) throws {
        self.init(name, world: try ServiceWorld(under: parent))
    }

    init(_ name: String, world: ServiceWorld) {
        self.world = world
        self.name = name
    }

    var stores: Stores { world.stores }
    var service: SyncService { SyncService(stores: stores) }

    /// A recording of `bytes` (any bytes: sync moves files, it does not decode them), private.
    func record(owner: String, group: String, bytes: [UInt8], at date: Date = Date()) async throws -> Recording {
        let incoming = try stores.audio.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        let blob = try incoming.finish()
        let recording = Recording(id: ResourceID.generate(), title: "story", language: "fr", durationMs: 1_000, sampleCount: 48_000,
                                  inputSampleRate: 48_000, inputChannels: 1, bitrate: 24_000, byteSize: blob.byteCount, sha256: blob.sha256,
                                  sourceFormat: "test", createdAt: date, ownerId: owner, groupId: group)
        return try await world.library.add(recording, blob: blob)
    }

    /// The owner consents and the recording takes that visibility (what `RecordingService.consent` does).
    func consent(_ recordingId: String, owner: String, to visibility: Visibility) async throws {
        try await stores.recordings.insert(Consent(recordingId: recordingId, personId: owner, visibility: visibility, method: .tap))
        _ = try await stores.recordings.setVisibility(id: recordingId, visibility: visibility, sharedWithMentor: false)
    }

    func setSharing(_ recordingId: String, _ visibility: Visibility, mentor: Bool) async throws {
        _ = try await stores.recordings.setVisibility(id: recordingId, visibility: visibility, sharedWithMentor: mentor)
    }

    @discardableResult
    func editTranscript(_ recordingId: String, text: String, author: String?, at date: Date = Date()) async throws -> StoredTranscript {
        try await stores.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recordingId, change: .text,
                                                    authorId: author, expectedRevision: nil, now: date)
    }

    /// A gap-fill at the learner's level here, scored `score`.
    @discardableResult
    func attempt(_ personId: String, on recordingId: String, score: Int, at date: Date = Date()) async throws -> Attempt {
        let level = try await stores.progress.progress(personId: personId, recordingId: recordingId)?.level ?? .beginner
        let attempt = Attempt(personId: personId, recordingId: recordingId, language: "fr", revision: nil, kind: .gapFill, segment: 0,
                              level: level, answer: AttemptAnswer(text: "…"), score: score, createdAt: date)
        return try await stores.progress.record(attempt).attempt
    }

    func withdraw(_ recordingId: String, by personId: String) async throws {
        _ = try await world.library.withdraw(id: recordingId, by: personId)
    }

    /// A scenario file the parser takes, its title `title`.
    static func scenarioBody(_ slug: String, _ title: String) -> String {
        "---\nslug: \(slug)\ntitle: \(title)\nlanguages: fr\nsteps:\n  - kind: talk\n    text: Bonjour.\n---\n"
    }

    /// The group's scenario `slug`, made by `author` here.
    func createScenario(_ slug: String, group: String, author: String, at date: Date = Date()) async throws {
        _ = try await stores.scenarios.createScenario(ScenarioRecord(slug: slug, groupId: group, visibility: .group, createdBy: author, createdAt: date),
                                                      body: Self.scenarioBody(slug, "first"), message: "created")
    }

    /// A trainer saves the scenario here (what the editor does).
    func editScenario(_ slug: String, title: String, author: String, at date: Date = Date()) async throws {
        _ = try await stores.scenarios.saveScenarioRevision(slug: slug, body: Self.scenarioBody(slug, title), authorId: author, message: title,
                                                            expectedRevision: nil, now: date)
    }

    /// The scenario's current Markdown here.
    func scenarioBody(_ slug: String) async throws -> String? {
        guard let record = try await stores.scenarios.scenario(slug: slug) else { return nil }
        return try await stores.scenarios.scenarioRevision(slug: slug, number: record.currentRevision)?.body
    }

    /// The group's recordings held here.
    func recordings(group: String) async throws -> [Recording] {
        try await stores.recordings.recordings(limit: 100_000, before: nil).filter { $0.groupId == group }
    }

    /// True when a stored audio file has this hash.
    func holdsAudio(_ sha256: String) throws -> Bool { try stores.audio.open(sha256: sha256) != nil }

    /// Everything an import could change: the change log's end, the pair, every row count that
    /// matters, and every file under the media root (but the database's own).
    func snapshot(group: String) async throws -> SyncSnapshot {
        let files = FileManager.default.enumerator(at: world.root, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true && !$0.lastPathComponent.hasPrefix("parlons.sqlite") }
            .map { $0.path.replacingOccurrences(of: world.root.path, with: "") }.sorted() ?? []
        return SyncSnapshot(lastSeq: try await stores.sync!.changes(after: .max - 1, excludingOrigin: nil).lastSeq,
                            pair: try await stores.sync!.pair(groupId: group), recordings: try await stores.recordings.count(),
                            tombstones: try await stores.sync!.tombstones().count, people: try await stores.people.peopleCount(), files: files)
    }
}

struct SyncSnapshot: Equatable {
    var lastSeq: Int64
    var pair: SyncPair?
    var recordings: Int
    var tombstones: Int
    var people: Int
    var files: [String]
}

/// A group on the centre's server (a trainer, learners, the first mentoring the second), paired
/// with a fresh camp server that has received it through a first bundle.
struct PairedServers: Sendable {
    let centre: SyncSide
    let camp: SyncSide
    let groupId: String
    let trainer: String
    let learners: [String]
    let exchange: URL

    /// `centreSide`: the centre's server when not a new embedded one.
    init(learners count: Int = 3, under parent: URL? = nil, centreSide: SyncSide? = nil) async throws {
        centre = try centreSide ?? SyncSide("centre", under: parent)
        camp = try SyncSide("camp", under: parent)
        exchange = centre.world.root.appendingPathComponent("usb", isDirectory: true)
        let trainer = try await centre.stores.people.insertPerson(Person(name: "trainer-\(ResourceID.generate().prefix(6))",
                                                                         displayName: "Trainer", role: .trainer, passwordHash: "secret"))
        var learners: [String] = []
        for index in 0..<count {
            learners.append(try await centre.stores.people.insertPerson(Person(name: "learner\(index)-\(ResourceID.generate().prefix(6))",
                                                                               displayName: "Learner \(index)", role: .learner)).id)
        }
        let group = try await centre.stores.people.insert(LearningGroup(name: "Aire des Saules"), members: [trainer.id] + learners)
        _ = try await centre.stores.people.insert(MentoringPair(mentorId: learners[0], newcomerId: learners[1],
                                                                startsAt: Date().addingTimeInterval(-60), endsAt: nil))
        groupId = group.id
        self.trainer = trainer.id
        self.learners = learners
        let code = try await centre.service.startPairing(groupId: groupId)
        try await camp.service.joinPairing(groupId: groupId, code: code.text.lowercased())
        _ = try await send(from: centre, to: camp)
    }

    /// Exports from one side and imports on the other; the bundle is removed afterwards.
    func send(from: SyncSide, to: SyncSide, beforeEachItem: @escaping @Sendable () throws -> Void = {}) async throws -> SyncExportReport {
        let report = try await from.service.export(groupId: groupId, to: exchange)
        defer { try? FileManager.default.removeItem(at: report.file) }
        _ = try await to.service.importBundle(at: report.file, beforeEachItem: beforeEachItem)
        return report
    }
}
