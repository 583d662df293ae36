// Benchmarks/sync's runner: a camp month exchanged by bundle between two embedded servers, then
// again over HTTP on loopback between two other ones (never shipped). Prints one line per measure:
// bundle bytes and export/import wall times; the exchange's time and bytes on the wire.
// With `--centre postgres://…` the centres keep their rows in that (empty) PostgreSQL database.
import EmbeddedStorage
import Exercises
import Foundation
import Hummingbird
import Logging
import PostgresStorage
import Services
import Storage
import SyncClient
import Transcripts
import WebAPI

var arguments = Array(CommandLine.arguments.dropFirst())
let centreOption = arguments.firstIndex(of: "--centre").flatMap { $0 + 1 < arguments.count ? $0 : nil }
let centreDatabase: PostgresLocation? = try centreOption.map { index in
    guard let location = PostgresLocation(url: arguments[index + 1]) else {
        throw StorageError(code: .io, message: "--centre takes a postgres:// URL, not \(arguments[index + 1])")
    }
    return location
}
if let centreOption { arguments.removeSubrange(centreOption...(centreOption + 1)) }
let root = URL(fileURLWithPath: arguments.first ?? NSTemporaryDirectory(), isDirectory: true)
    .appendingPathComponent("sync-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }
let recordingCount = 50, recordingSeconds = 180, attemptCount = 500, editCount = 20
// What else a month brings since these travel too: scenario saves, renamed recordings, levels set by
// hand, deleted recordings.
let scenarioEdits = 10, titleEdits = 10, levelsSet = 10, deletions = 2
// A learner's way through scenarios: steps done without attempts (listen, talk) on the group's
// scenarios, and attempts at a dictation of audio shipped with Parlons (on both servers).
let stepsDone = 100, shippedAttempts = 100
let bitrate = 24_000

func open(_ name: String) throws -> Stores { try EmbeddedStorage.open(root: root.appendingPathComponent(name)) }
/// The centre's stores: embedded, or rows in the PostgreSQL database and blobs in a folder.
func openCentre(_ name: String) async throws -> Stores {
    guard let centreDatabase else { return try open(name) }
    let folder = root.appendingPathComponent(name)
    return try await PostgresMetadataStore.open(centreDatabase).stores(audio: try FileBlobStore(root: folder, kind: .recordings),
                                                                       peaks: try FileBlobStore(root: folder, kind: .peaks),
                                                                       pictures: try FileBlobStore(root: folder, kind: .pictures))
}
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Two paired servers (the centre's, a camp's that received the group by a first bundle), the
/// camp holding a month the centre lacks.
///
/// The camp's month: 50 stories of 3 minutes (Opus at 24 kb/s; random bytes of that size: sync
/// moves files, it does not decode them), each consented to the group, 20 transcript edits, 500
/// gap-fill attempts.
func campMonth(_ name: String) async throws -> (centre: Stores, camp: Stores, group: LearningGroup) {
    let centre = try await openCentre("\(name)-centre"), camp = try open("\(name)-camp")
    let usb = root.appendingPathComponent("\(name)-usb", isDirectory: true)
    // Names of their own per run: the two runs' centres may share one PostgreSQL database.
    let trainer = try await centre.people.insertPerson(Person(name: "trainer-\(name)", displayName: "Trainer", role: .trainer))
    var learners: [Person] = []
    for index in 0..<8 {
        learners.append(try await centre.people.insertPerson(Person(name: "learner\(index)-\(name)", displayName: "L", role: .learner)))
    }
    let group = try await centre.people.insert(LearningGroup(name: "Camp"), members: [trainer.id] + learners.map(\.id))
    let code = try await SyncService(stores: centre).startPairing(groupId: group.id)
    try await SyncService(stores: camp).joinPairing(groupId: group.id, code: code.text)
    let first = try await SyncService(stores: centre).export(groupId: group.id, to: usb)
    _ = try await SyncService(stores: camp).importBundles(from: first.file)
    try FileManager.default.removeItem(at: first.file)

    var generator = SplitMix64(seed: 2026)
    let library = RecordingLibrary(stores: camp)
    var recordings: [Recording] = []
    for index in 0..<recordingCount {
        let bytes = (0..<(recordingSeconds * bitrate / 8)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let incoming = try camp.audio.beginWrite()
        try bytes.withUnsafeBytes { try incoming.write($0) }
        let blob = try incoming.finish()
        let owner = learners[index % learners.count]
        let recording = try await library.add(Recording(id: ResourceID.generate(), title: "story \(index)", language: "fr",
                                                        durationMs: recordingSeconds * 1_000, sampleCount: recordingSeconds * 48_000,
                                                        inputSampleRate: 48_000, inputChannels: 1, bitrate: bitrate, byteSize: blob.byteCount,
                                                        sha256: blob.sha256, sourceFormat: "bench", createdAt: Date(), ownerId: owner.id,
                                                        groupId: group.id), blob: blob)
        try await camp.recordings.insert(Consent(recordingId: recording.id, personId: owner.id, visibility: .group, method: .tap))
        _ = try await camp.recordings.setVisibility(id: recording.id, visibility: .group, sharedWithMentor: false)
        recordings.append(recording)
    }
    for index in 0..<editCount {
        let text = "Ce matin nous sommes allés au marché. Il faisait froid, version \(index)."
        _ = try await camp.transcripts.saveTranscript(Transcript(language: "fr", plainText: text), recordingId: recordings[index % recordingCount].id,
                                                      change: .text, authorId: trainer.id, expectedRevision: nil, now: Date())
    }
    for index in 0..<attemptCount {
        let learner = learners[index % learners.count], recording = recordings[Int.random(in: 0..<recordingCount, using: &generator)]
        let level = try await camp.progress.progress(personId: learner.id, recordingId: recording.id)?.level ?? .beginner
        _ = try await camp.progress.record(Attempt(personId: learner.id, recordingId: recording.id, language: "fr", revision: nil, kind: .gapFill,
                                                   segment: 0, level: level, answer: AttemptAnswer(text: "marché"),
                                                   score: Int.random(in: 40...100, using: &generator)))
    }
    for index in 0..<scenarioEdits {
        let slug = "camp-\(name)-\(index % 2)"
        let body = "---\nslug: \(slug)\ntitle: Au marché \(index)\nlanguages: fr\nsteps:\n  - kind: talk\n    text: Bonjour, je voudrais des tomates.\n---\n"
        if index < 2 {
            _ = try await camp.scenarios.createScenario(ScenarioRecord(slug: slug, groupId: group.id, visibility: .group, createdBy: trainer.id),
                                                        body: body, message: "created")
        } else {
            _ = try await camp.scenarios.saveScenarioRevision(slug: slug, body: body, authorId: trainer.id, message: "edit \(index)")
        }
    }
    for index in 0..<titleEdits {
        _ = try await camp.recordings.update(id: recordings[index].id, title: "histoire \(index)", language: nil, picture: nil)
    }
    for index in 0..<levelsSet {
        _ = try await camp.progress.setLevel(.intermediate, personId: learners[index % learners.count].id, recordingId: recordings[index].id,
                                             step: "", by: trainer.id)
    }
    for index in 0..<deletions {
        _ = try await library.delete(id: recordings[recordingCount - 1 - index].id)
    }
    for index in 0..<stepsDone {
        try await camp.scenarios.markScenarioStepDone(ScenarioStepDone(personId: learners[index % learners.count].id,
                                                                       // (as in a longer scenario than the one saved here)
                                                                       slug: "camp-\(name)-\(index % 2)", stepId: "step-\(index / 16)",
                                                                       recordingId: nil))
    }
    // The shipped dictation: the same file on both servers, imported under an id of each one's own.
    let shipped = (0..<(20 * bitrate / 8)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    var shippedIds: [String] = []
    for side in [centre, camp] {
        let incoming = try side.audio.beginWrite()
        try shipped.withUnsafeBytes { try incoming.write($0) }
        let blob = try incoming.finish()
        let recording = try await RecordingLibrary(stores: side).add(
            Recording(id: ResourceID.generate(), title: "dictee", language: "fr", durationMs: 20_000, sampleCount: 960_000, inputSampleRate: 48_000,
                      inputChannels: 1, bitrate: bitrate, byteSize: blob.byteCount, sha256: blob.sha256, sourceFormat: "bench", createdAt: Date(),
                      ownerId: nil, groupId: nil, visibility: .public), blob: blob)
        try await side.scenarios.saveShippedMedia(ShippedMedia(path: "prompts/\(name)/dictee.opus", sha256: blob.sha256, text: "Bonjour",
                                                               language: "fr", recordingId: recording.id))
        shippedIds.append(recording.id)
    }
    for index in 0..<shippedAttempts {
        let learner = learners[index % learners.count]
        _ = try await camp.progress.record(Attempt(personId: learner.id, recordingId: shippedIds[1], step: "camp-\(name)-0/dictee", language: "fr",
                                                   revision: nil, kind: .dictation, segment: 0, level: .beginner,
                                                   answer: AttemptAnswer(text: "bonjour"), score: Int.random(in: 40...100, using: &generator)))
    }
    return (centre, camp, group)
}

let usb = root.appendingPathComponent("usb", isDirectory: true)
let (centre, camp, group) = try await campMonth("bundle")
// What a camp kiosk's sync picture asks every minute (GET /api/kiosk/exchange), with the month waiting.
var start = ContinuousClock.now
let kiosk = SyncService(stores: camp)
let waiting = try await kiosk.status(groupId: group.id)
let statusSeconds = seconds(since: start)
start = ContinuousClock.now
_ = try await kiosk.status(groupId: group.id)
let statusAgainSeconds = seconds(since: start)
start = ContinuousClock.now
let month = try await SyncService(stores: camp).export(groupId: group.id, to: usb)
let exportSeconds = seconds(since: start)
start = ContinuousClock.now
let applied = try await SyncService(stores: centre).importBundles(from: month.file)
let importSeconds = seconds(since: start)
try FileManager.default.removeItem(at: month.file)
let back = try await SyncService(stores: centre).export(groupId: group.id, to: usb)
_ = try await SyncService(stores: camp).importBundles(from: back.file)
try FileManager.default.removeItem(at: back.file)
start = ContinuousClock.now
let quiet = try await SyncService(stores: camp).export(groupId: group.id, to: usb)
let quietSeconds = seconds(since: start)

let report = applied.first!.applyReport
print("camp month: \(recordingCount) recordings of \(recordingSeconds) s (\(deletions) deleted), \(attemptCount) attempts, \(editCount) transcript edits, "
      + "\(scenarioEdits) scenario saves, \(titleEdits) titles changed, \(levelsSet) levels set by hand, "
      + "\(stepsDone) scenario steps done, \(shippedAttempts) attempts at shipped audio")
print("  status with the month waiting (the kiosk's picture, every minute): \(String(format: "%.3f", statusSeconds)) s, \(waiting.waiting) items; "
      + "asked again with nothing changed: \(String(format: "%.3f", statusAgainSeconds)) s")
print("  bundle: \(month.bytes) bytes (\(month.audioBytes) of audio, \(month.bytes - month.audioBytes) of the rest), \(month.items) items")
print("  export \(String(format: "%.2f", exportSeconds)) s, import \(String(format: "%.2f", importSeconds)) s "
      + "(\(report.recordingsAdded) recordings, \(report.attemptsAdded) attempts, \(report.revisionsAdded) revisions, "
      + "\(report.scenarioRevisionsAdded) scenario revisions, \(report.stepsDone) steps done added)")
print("  the centre's bundle back (nothing of the camp's echoed): \(back.bytes) bytes, \(back.items) items")
print("second export with nothing new: \(quiet.bytes) bytes, \(quiet.items) items, \(String(format: "%.3f", quietSeconds)) s "
      + "(goal < 10240 bytes: \(quiet.bytes < 10_240 ? "met" : "MISSED"))")

// The same month over HTTP on loopback: the centre serving (the real application), the camp
// running `parlons sync now`'s exchange (push, then pull); then a second exchange with nothing new.
let http = try await campMonth("http")
var configuration = ServerConfiguration(port: 0)
configuration.syncDirectory = root.appendingPathComponent("http-centre/sync", isDirectory: true)
var quietLogger = Logger(label: "sync-bench")
quietLogger.logLevel = .critical
let (ports, portFound) = AsyncStream.makeStream(of: Int.self)
let app = try await buildApplication(configuration: configuration, stores: http.centre,
                                     passwords: PasswordHashing(hash: { secret, _ in secret }, verify: { $0 == $1 }), logger: quietLogger,
                                     onServerRunning: { portFound.yield($0.port) })
let serving = Task { try await app.runService(gracefulShutdownSignals: []) }
var port = 0
for await found in ports {
    port = found
    break
}
let pairKey = try await SyncService(stores: http.camp).pair(groupId: http.group.id).key
let campFolder = root.appendingPathComponent("http-camp/sync", isDirectory: true)
func exchange(_ wire: WireCounter) async throws -> (SyncExchangeReport, Double) {
    let started = ContinuousClock.now
    let report = try await SyncService(stores: http.camp).exchange(
        groupId: http.group.id, with: HTTPSyncPeer(address: "http://127.0.0.1:\(port)/", key: pairKey, wire: wire), folder: campFolder)
    return (report, seconds(since: started))
}
let monthWire = WireCounter()
let (monthExchange, monthSeconds) = try await exchange(monthWire)
let quietWire = WireCounter()
let (_, quietExchangeSeconds) = try await exchange(quietWire)
let thirdWire = WireCounter()
_ = try await exchange(thirdWire)
serving.cancel()
_ = await serving.result
let pushed = monthExchange.pushed.last!
print("over HTTP on loopback (push, then pull): \(String(format: "%.2f", monthSeconds)) s, \(monthWire.sent) bytes sent, "
      + "\(monthWire.received) received (\(pushed.recordingsAdded) recordings, \(pushed.attemptsAdded) attempts, "
      + "\(pushed.revisionsAdded) revisions added at the centre)")
print("second exchange with nothing new: \(quietWire.total) bytes on the wire (\(quietWire.sent) sent, \(quietWire.received) received), "
      + "\(String(format: "%.3f", quietExchangeSeconds)) s (goal < 10240 bytes: \(quietWire.total < 10_240 ? "met" : "MISSED")); "
      + "the next: \(thirdWire.total) bytes")
