import CSQLiteTuning
import Foundation
import GRDB
import Storage

/// Every metadata store in one SQLite file through a GRDB `DatabasePool` (WAL: readers never wait
/// for the writer). Commits are fully synchronous, so a committed row survives a power cut.
public final class SQLiteMetadataStore: RecordingStore, PeopleStore, CredentialStore, SessionStore, TranscriptStore, ProgressStore,
    ScenarioStore, LabelStore, PhotoStore {
    public let pool: DatabasePool
    /// Public recordings by id for the media route, emptied by every change to the `recording` table.
    let publicRecordings = ChangeInvalidatedCache<Recording>()
    /// Live tokens by hash with their person, emptied by every change to `apiToken` or `person`.
    let tokenHolders = ChangeInvalidatedCache<TokenHolder>()
    /// People by id (a session's person on every request), emptied by every change to `person`.
    let peopleById = ChangeInvalidatedCache<Person>()
    /// Recordings a signed-in viewer was found to hear, by viewer and id (a learner's own and their
    /// group's audio, fetched range after range), emptied by every change to a table the hearing
    /// rule reads. What a mentor hears by the clock (a pair's start and end) is never kept.
    let heardRecordings = ChangeInvalidatedCache<Recording>()
    /// Live session values by key, emptied by every change to `keyValue`.
    let sessionValues = ChangeInvalidatedCache<StoredSessionValue>()
    private let recordingChanges: AnyDatabaseCancellable
    private let credentialChanges: AnyDatabaseCancellable
    private let hearingChanges: AnyDatabaseCancellable
    private let sessionChanges: AnyDatabaseCancellable

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        _ = Self.sqliteTuned
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL's default NORMAL may lose the last commits on power loss; a 201 promises more.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StorageError(code: error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN ? .notWritable : .io,
                               message: "cannot open database \(path): \(error.message ?? "\(error.resultCode)")")
        }
        try Self.migrator.migrate(pool)
        recordingChanges = DatabaseRegionObservation(tracking: Table("recording"))
            .start(in: pool, onError: { [publicRecordings] _ in publicRecordings.removeAll() },
                   onChange: { [publicRecordings] _ in publicRecordings.removeAll() })
        credentialChanges = DatabaseRegionObservation(tracking: Table("apiToken"), Table("person"))
            .start(in: pool, onError: { [tokenHolders, peopleById] _ in tokenHolders.removeAll(); peopleById.removeAll() },
                   onChange: { [tokenHolders, peopleById] _ in tokenHolders.removeAll(); peopleById.removeAll() })
        hearingChanges = DatabaseRegionObservation(tracking: Self.hearingTables.map { Table($0) })
            .start(in: pool, onError: { [heardRecordings] _ in heardRecordings.removeAll() },
                   onChange: { [heardRecordings] _ in heardRecordings.removeAll() })
        sessionChanges = DatabaseRegionObservation(tracking: Table("keyValue"))
            .start(in: pool, onError: { [sessionValues] _ in sessionValues.removeAll() },
                   onChange: { [sessionValues] _ in sessionValues.removeAll() })
    }

    /// Done once, before the first connection initializes SQLite.
    private static let sqliteTuned: Bool = parlons_sqlite_disable_memstatus() == SQLITE_OK

    public func insert(_ recording: Recording, uploadKey: UploadKey?, publishing publish: @escaping @Sendable () throws -> Void,
                       unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording {
        guard let uploadKey else { return try await insert(recording, publishing: publish, unpublishing: unreferenced, alongside: nil) }
        // The key is remembered in the same transaction: never a key without its recording.
        return try await insert(recording, publishing: publish, unpublishing: unreferenced) { db, row in
            try db.execute(sql: "INSERT INTO uploadKey (ownerId, key, recordingId, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [uploadKey.ownerId, uploadKey.key, row.id, recording.createdAt.millisecondsSince1970])
        }
    }

    /// Inserts the row (and what `alongside` writes, in the same transaction) once `publish` has put
    /// the files in place; a failed commit removes the files it published.
    func insert(_ recording: Recording, publishing publish: @escaping @Sendable () throws -> Void,
                unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void,
                alongside: (@Sendable (Database, Recording) throws -> Void)?) async throws -> Recording {
        do {
            return try await pool.write { db in
                try publish()
                var row = recording
                try row.insert(db)
                try alongside?(db, row)
                return row
            }
        } catch {
            // The commit failed (a full disk, an id or upload key already taken): files already
            // published must not outlive it.
            _ = try? await writeReleasing({ db, released in
                try Self.release(recording, db) { released.append($0) }
            }, remove: unreferenced)
            if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
                throw StorageError(code: .conflict, message: "recording \(recording.id): \(Self.explain(error))")
            }
            throw error
        }
    }

    public func recording(id: String) async throws -> Recording? {
        try await pool.read { db in try Recording.filter(publicId: id).fetchOne(db) }
    }

    public func recordings(limit: Int, before: Int64?) async throws -> [Recording] {
        try await pool.read { db in
            var request = Recording.order(Recording.Columns.seq.desc).limit(limit)
            if let before { request = request.filter(Recording.Columns.seq < before) }
            return try request.fetchAll(db)
        }
    }

    public func update(id: String, title: String?, language: String?, picture: String?) async throws -> Recording? {
        try await pool.write { db in
            guard var row = try Recording.filter(publicId: id).fetchOne(db) else { return nil }
            if let title { row.title = title }
            if let language { row.language = language }
            if let picture { row.picture = picture }
            try row.update(db)
            return row
        }
    }

    public func setGroup(id: String, groupId: String?) async throws -> Recording? {
        try await writeChecked("recording \(id)") { db in
            guard var row = try Recording.filter(publicId: id).fetchOne(db) else { return nil }
            row.groupId = groupId
            try row.update(db)
            return row
        }
    }

    public func delete(id: String, unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording? {
        try await writeReleasing({ db, released in
            guard let row = try Recording.filter(publicId: id).fetchOne(db) else { return nil }
            try Recording.filter(publicId: id).deleteAll(db)
            try Self.release(row, db) { released.append($0) }
            return row
        }, remove: unreferenced)
    }

    /// After `row` is gone: hands out its files that no remaining row refers to.
    static func release(_ row: Recording, _ db: Database, _ unreferenced: (RecordingBlob) throws -> Void) throws {
        if try Recording.filter(Recording.Columns.sha256 == row.sha256).fetchCount(db) == 0 { try unreferenced(.audio(row.sha256)) }
        if let peaks = row.peaksSha256, try Recording.filter(Recording.Columns.peaksSha256 == peaks).fetchCount(db) == 0 {
            try unreferenced(.peaks(peaks))
        }
    }

    public func referencedHashes() async throws -> Set<String> {
        try await pool.read { db in try Self.audioHashes(db) }
    }

    public func referencedPeaksHashes() async throws -> Set<String> {
        try await pool.read { db in try Self.peaksHashes(db) }
    }

    static func audioHashes(_ db: Database) throws -> Set<String> {
        try Set(String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM recording"))
    }

    static func peaksHashes(_ db: Database) throws -> Set<String> {
        try Set(String.fetchAll(db, sql: "SELECT DISTINCT peaksSha256 FROM recording WHERE peaksSha256 IS NOT NULL"))
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Recording.fetchCount(db) }
    }
}
