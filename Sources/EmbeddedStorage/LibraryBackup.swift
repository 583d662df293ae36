import Foundation
import GRDB
import Storage

/// Consistent copies of a media root while the server runs, and their restoration.
///
/// A backup is itself a media root: `parlons.sqlite` (a snapshot taken with SQLite's online backup
/// API, in rollback-journal mode so that it is one self-contained file) and the files that snapshot
/// names, each copied through a temporary file, checked against its SHA-256 name and fsynced. The
/// database is renamed into place last, so a folder without `parlons.sqlite` is an unfinished backup.
/// Files never change once stored, so a snapshot plus its files is consistent; a file deleted
/// between the snapshot and its copy (a recording withdrawn meanwhile) makes the backup take a new
/// snapshot and copy what is still missing.
public enum LibraryBackup {
    /// What a backup or restore copied.
    public typealias Report = BackupReport

    public static let databaseName = "parlons.sqlite"
    static let snapshotName = ".parlons-backup.sqlite.part"
    static let maxSnapshots = 5

    /// Copies the media root `root` (its database at `databasePath` when given) into `destination`,
    /// a new or empty folder. Safe while a server uses the same root.
    public static func backup(root: URL, databasePath: String? = nil, to destination: URL) throws -> Report {
        let database = try SQLiteMetadataStore(path: databasePath ?? root.appendingPathComponent(databaseName).path)
        try prepareEmptyFolder(destination)
        let snapshotPath = destination.appendingPathComponent(snapshotName).path
        let sources = try stores(under: root)
        let targets = try stores(under: destination)
        var missing: [String] = []
        for attempt in 1...maxSnapshots {
            try removeDatabaseFiles(snapshotPath)
            let snapshot = try DatabaseQueue(path: snapshotPath)
            try database.pool.backup(to: snapshot)
            let wanted = try snapshot.read { try referencedFiles($0) }
            var report = Report(recordings: try snapshot.read { try Recording.fetchCount($0) }, snapshots: attempt)
            missing = []
            for (kind, hashes) in wanted {
                for hash in hashes.sorted() {
                    do {
                        report.bytes += try copy(sources[kind]!.path(sha256: hash), sha256: hash, into: targets[kind]!)
                        report.files += 1
                    } catch let error as StorageError where error.code == .notFound {
                        missing.append("\(kind.folder)/\(kind.relativePath(sha256: hash))")
                    }
                }
            }
            if missing.isEmpty {
                // Files copied for an earlier snapshot that this one no longer names.
                for (kind, store) in targets { _ = try store.recover(keeping: wanted[kind] ?? []) }
                try snapshot.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
                try snapshot.close()
                try syncFile(snapshotPath)
                try moveIntoPlace(snapshotPath, destination.appendingPathComponent(databaseName).path)
                return report
            }
            try snapshot.close()
        }
        throw StorageError(code: .notFound, message: "files the database names are missing from the media root: \(missing.prefix(5).joined(separator: ", "))")
    }

    /// Copies the backup in `source` into `root` (and the database to `databasePath` when given),
    /// which must hold no database yet. Every file is checked against its SHA-256 name and the
    /// database with `PRAGMA integrity_check` before anything is written.
    public static func restore(from source: URL, into root: URL, databasePath: String? = nil) throws -> Report {
        let sourceDatabase = source.appendingPathComponent(databaseName).path
        guard FileManager.default.fileExists(atPath: sourceDatabase) else {
            throw StorageError(code: .notFound, message: "\(source.path) holds no \(databaseName): not a finished Parlons backup")
        }
        let targetDatabase = databasePath ?? root.appendingPathComponent(databaseName).path
        guard !FileManager.default.fileExists(atPath: targetDatabase) else {
            throw StorageError(code: .conflict, message: "\(targetDatabase) exists: restore into a fresh media root, or move the old database away first")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let backup = try DatabaseQueue(path: sourceDatabase, configuration: configuration)
        let check = try backup.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        guard check == ["ok"] else {
            throw StorageError(code: .io, message: "the backup's database is damaged: \(check.prefix(3).joined(separator: "; "))")
        }
        let wanted = try backup.read { try referencedFiles($0) }
        var report = Report(recordings: try backup.read { try Recording.fetchCount($0) }, snapshots: 1)
        let targets = try stores(under: root)
        for (kind, hashes) in wanted {
            for hash in hashes.sorted() {
                let file = source.appendingPathComponent(kind.folder).appendingPathComponent(kind.relativePath(sha256: hash)).path
                report.bytes += try copy(file, sha256: hash, into: targets[kind]!)
                report.files += 1
            }
        }
        // The database last: until it is in place, the files are orphans the next start-up removes.
        let part = targetDatabase + ".restoring"
        try removeDatabaseFiles(part)
        let restored = try DatabaseQueue(path: part)
        try backup.backup(to: restored)
        try restored.close()
        try backup.close()
        try syncFile(part)
        try moveIntoPlace(part, targetDatabase)
        // Brings an older backup's schema up to date and the file back to WAL mode.
        _ = try SQLiteMetadataStore(path: targetDatabase)
        return report
    }

    /// The files a database names, per store.
    static func referencedFiles(_ db: Database) throws -> [MediaStoreKind: Set<String>] {
        [.recordings: try SQLiteMetadataStore.audioHashes(db),
         .peaks: try SQLiteMetadataStore.peaksHashes(db),
         .pictures: try SQLiteMetadataStore.pictureHashes(db)]
    }

    static func stores(under root: URL) throws -> [MediaStoreKind: FileBlobStore] {
        var stores: [MediaStoreKind: FileBlobStore] = [:]
        for kind in MediaStoreKind.allCases { stores[kind] = try FileBlobStore(root: root, kind: kind) }
        return stores
    }

    /// Copies one stored file into `store` unless it is there already; its bytes must hash to its
    /// name. Returns its size.
    static func copy(_ path: String, sha256: String, into store: FileBlobStore) throws -> Int {
        let existing = store.path(sha256: sha256)
        if let size = (try? FileManager.default.attributesOfItem(atPath: existing))?[.size] as? Int { return size }
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw StorageError.system("open", path: path, errno: errno) }
        defer { close(source) }
        let incoming = try store.beginWrite()
        var chunk = [UInt8](repeating: 0, count: 256 * 1_024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw StorageError.system("read", path: path, errno: errno) }
            if count == 0 { break }
            try chunk.withUnsafeBytes { try incoming.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        let finished = try incoming.finish()
        guard finished.sha256 == sha256 else {
            store.discard(finished)
            throw StorageError(code: .io, message: "\(path) is damaged: its SHA-256 is \(finished.sha256), not the one it is named by")
        }
        try store.publish(finished)
        return finished.byteCount
    }

    static func prepareEmptyFolder(_ folder: URL) throws {
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(atPath: folder.path) {
            guard contents.isEmpty else {
                throw StorageError(code: .conflict, message: "\(folder.path) is not empty: back up into a new or empty folder")
            }
            return
        }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(code: .notWritable, message: "cannot create \(folder.path): \(error.localizedDescription)")
        }
    }

    static func removeDatabaseFiles(_ path: String) throws {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            guard unlink(path + suffix) == 0 || errno == ENOENT else { throw StorageError.system("unlink", path: path + suffix, errno: errno) }
        }
    }

    static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.system("open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError.system("fsync", path: path, errno: errno) }
    }

    static func moveIntoPlace(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else { throw StorageError.system("rename", path: to, errno: errno) }
        try FileBlobStore.syncDirectory((to as NSString).deletingLastPathComponent)
    }
}
