import EmbeddedStorage
import Foundation
import S3Storage
import Services
import Storage
import TestSupport
import Testing

/// A centre's library moved from SQLite and a media folder into PostgreSQL and an S3 bucket
/// (a real cluster and moto on loopback), then read back through the same store protocols a
/// server started on them uses.
@Suite("Moving a library to PostgreSQL and S3")
struct StoreMigrationTests {
    static func migration(_ library: CentreLibrary, _ destination: Destination) -> StoreMigration {
        StoreMigration(source: library.stores, sourceRows: library.rows, destination: destination.stores,
                       destinationRows: destination.database)
    }

    @Test("every row and blob moves with its ids; the destination answers as the source did, and a second run changes nothing")
    func movesTheLibrary() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent)
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))

        let report = try await Self.migration(library, destination).run()
        #expect(report.finished)
        #expect(report.blobs.map(\.copied) == [4, 3, 1], "\(report.blobs)")
        #expect(report.tables.first { $0.table == "transcriptRevision" }?.inserted == 7)

        // As a server started on the destination would open it. Every table had rows to move.
        let moved = try await destination.reopened(staging: parent.appendingPathComponent("staging2")).stores
        for table in LibrarySchema.tables {
            let here = try await library.rows.rowCount(of: table), there = try await destination.database.rowCount(of: table)
            #expect(here == there && here > 0, "\(table.name): \(here) rows here, \(there) there")
        }
        #expect(try await moved.recordings.recordings(limit: 100, before: nil) == library.stores.recordings.recordings(limit: 100, before: nil))
        for viewer in [Viewer(personId: library.trainer.id, role: .trainer), Viewer.anonymous()] {
            for query in ["ecole", "l'éco", "marché samedi", "village"] {
                let expected = try await library.stores.transcripts.searchTranscripts(query, visibleTo: viewer)
                #expect(try await moved.transcripts.searchTranscripts(query, visibleTo: viewer) == expected, "\(query)")
            }
        }
        #expect(try await moved.transcripts.searchTranscripts("ecole", visibleTo: .anonymous()).count == 1)
        let first = library.recordings[0]
        #expect(try await moved.transcripts.transcriptRevisions(recordingId: first.id, language: "fr")
            == library.stores.transcripts.transcriptRevisions(recordingId: first.id, language: "fr"))
        #expect(try await moved.progress.progress(personId: library.learner.id, recordingId: first.id)
            == library.stores.progress.progress(personId: library.learner.id, recordingId: first.id))
        #expect(try await moved.people.person(id: library.learner.id)?.nameRecordingId == first.id)

        // The same password and token sign in as the same people.
        let signedIn = try await SignInService(stores: moved, passwords: CentreLibrary.passwords, limits: SignInLimits())
            .password(name: library.trainer.name, password: CentreLibrary.password, from: .init(clientAddress: "127.0.0.1", kiosk: nil))
        #expect(signedIn.id == library.trainer.id)
        #expect(try await moved.credentials.personForToken(hash: Secret.hash(library.token), now: Date())?.id == library.trainer.id)
        #expect(try await moved.sessions.value(forKey: library.sessionKey)?.value == CentreLibrary.session)

        // Every blob's bytes, read back from the bucket.
        for recording in library.recordings {
            #expect(try moved.audio.open(sha256: recording.sha256)?.readAll() == library.audio[recording.sha256])
            let peaks = try #require(recording.peaksSha256)
            #expect(try moved.peaks.open(sha256: peaks)?.readAll() == library.stores.peaks.open(sha256: peaks)?.readAll())
        }
        let photo = try #require(try await moved.people.person(id: library.learner.id)?.avatarPhoto)
        #expect(try moved.pictures.open(sha256: photo)?.readAll() == CentreLibrary.png)

        // New rows get new numbers after the moved ones.
        _ = try await moved.transcripts.saveTranscript(.init(language: "en", plainText: "the school"), recordingId: first.id, change: .text,
                                                       authorId: nil, expectedRevision: nil, now: Date())
        let blob = try CentreLibrary.write(Array("new".utf8), to: moved.audio)
        let added = try await RecordingLibrary(stores: moved).add(Recording(
            id: ResourceID.generate(), title: "new", language: "fr", durationMs: 1, sampleCount: 48, inputSampleRate: 48_000,
            inputChannels: 1, bitrate: 24_000, byteSize: blob.byteCount, sha256: blob.sha256, sourceFormat: "test", createdAt: Date()),
            blob: blob)
        #expect(try #require(added.seq) > library.recordings.compactMap(\.seq).max()!)
        #expect(try await moved.recordings.recordings(limit: 1, before: nil).first?.id == added.id)

        // A second run: nothing copied, nothing inserted... except that the destination now holds
        // a recording the source does not, which is another library.
        await #expect(throws: StoreMigrationError.differentLibrary(table: "recording", key: "\(added.seq!) \(added.id)")) {
            try await Self.migration(library, destination).run()
        }
    }

    @Test("a second run after a finished one copies and inserts nothing and checks again")
    func rerunIsIdle() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent, recordings: 1)
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))
        _ = try await Self.migration(library, destination).run()
        let again = try await Self.migration(library, destination).run()
        #expect(again.finished)
        #expect(again.blobs.allSatisfy { $0.copied == 0 } && again.tables.allSatisfy { $0.inserted == 0 })
        #expect(again.tables.first { $0.table == "recording" }?.rows == 2)
    }

    @Test("stopped part-way through the blobs and then the rows, later runs continue and finish without duplicating anything")
    func resumes() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent)
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))

        var migration = Self.migration(library, destination)
        migration.stopAfter = 2
        let stopped = try await migration.run()
        #expect(!stopped.finished && stopped.blobs.map(\.copied) == [2] && stopped.tables.isEmpty)
        #expect(try await destination.database.rowCount(of: LibrarySchema.table("recording")!) == 0)

        // Small batches and slices: some runs stop inside the rows.
        migration.batchSize = 2
        migration.stopAfter = 9
        var runs = 1, stoppedInRows = 0
        while true {
            let report = try await migration.run()
            runs += 1
            if report.finished { break }
            if !report.tables.isEmpty { stoppedInRows += 1 }
            try #require(runs < 40, "the runs do not finish")
        }
        #expect(stoppedInRows >= 3, "\(runs) runs")
        for table in LibrarySchema.tables {
            let here = try await library.rows.rowCount(of: table), there = try await destination.database.rowCount(of: table)
            #expect(here == there, "\(table.name)")
        }
        let moved = destination.stores
        #expect(try await moved.recordings.count() == 4)
        #expect(try await moved.transcripts.searchTranscripts("ecole", visibleTo: .anonymous()).count == 1)
        for recording in library.recordings {
            #expect(try moved.audio.open(sha256: recording.sha256)?.readAll() == library.audio[recording.sha256])
        }
    }

    @Test("a blob already in the bucket is kept when its bytes hash to its name, and put again when they do not")
    func checksBlobsAlreadyThere() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent, recordings: 2)
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))
        let bucket = S3Client(location: try S3Location(parsing: destination.blobsURL), credentials: Destination.credentials(try await MotoServer.shared()))
        let (damaged, intact) = (library.recordings[0].sha256, library.recordings[1].sha256)
        let key = { (sha256: String) in "recordings/\(MediaStoreKind.recordings.relativePath(sha256: sha256))" }
        try bucket.put(key(damaged), bytes: Array("not the recording".utf8))
        try bucket.put(key(intact), bytes: try #require(library.audio[intact]))

        let report = try await Self.migration(library, destination).run()
        #expect(report.finished && report.blobs.first?.copied == 2, "\(report.blobs)")
        #expect(try destination.stores.audio.open(sha256: damaged)?.readAll() == library.audio[damaged])
    }

    @Test("a destination holding another library is refused before anything is written")
    func refusesAnotherLibrary() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration")
        defer { try? FileManager.default.removeItem(at: parent) }
        let first = try await CentreLibrary(under: parent, recordings: 1)
        let other = try await CentreLibrary(under: parent, recordings: 2)
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))
        _ = try await Self.migration(first, destination).run()

        let error = await #expect(throws: StoreMigrationError.self) { try await Self.migration(other, destination).run() }
        guard case .differentLibrary(let table, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(table == "person")
        #expect(error?.description.contains("already holds a different library") == true)
        #expect(try await destination.stores.recordings.count() == 2)
        #expect(try destination.stores.audio.open(sha256: other.recordings[0].sha256) == nil)
    }

    @Test("a source file missing or damaged stops the run, naming it")
    func brokenSourceBlobs() async throws {
        let parent = try ExternalTool.temporaryDirectory("parlons-migration")
        defer { try? FileManager.default.removeItem(at: parent) }
        let library = try await CentreLibrary(under: parent, recordings: 2)
        let destination = try await Destination.make(staging: parent.appendingPathComponent("staging"))
        let (missing, damaged) = (library.recordings[0].sha256, library.recordings[1].sha256)
        let file = library.root.appendingPathComponent(
            "recordings/\(MediaStoreKind.recordings.relativePath(sha256: damaged))")
        var bytes = try Data(contentsOf: file)
        bytes[10] ^= 0xFF
        try bytes.write(to: file)
        try library.stores.audio.remove(sha256: missing)
        let names = [missing, damaged].sorted()

        await #expect(throws: names[0] == missing ? StoreMigrationError.sourceBlobMissing(.recordings, sha256: missing)
                                                  : StoreMigrationError.sourceBlobDamaged(.recordings, sha256: damaged)) {
            try await Self.migration(library, destination).run()
        }
        #expect(try destination.stores.audio.open(sha256: damaged) == nil)
        #expect(try await destination.stores.recordings.count() == 0)

        // Files left in the media root (no bucket): the damaged one is named, and left where it is.
        try library.stores.audio.publish(try CentreLibrary.write(try #require(library.audio[missing]), to: library.stores.audio))
        let inPlace = destination.database.stores(audio: library.stores.audio, peaks: library.stores.peaks,
                                                  pictures: library.stores.pictures)
        let keepingFiles = StoreMigration(source: library.stores, sourceRows: library.rows, destination: inPlace,
                                          destinationRows: destination.database)
        await #expect(throws: StoreMigrationError.sourceBlobDamaged(.recordings, sha256: damaged)) { try await keepingFiles.run() }
        #expect(try Data(contentsOf: file) == bytes)
    }
}
