import Crypto
import Foundation
import Storage

/// Moves a library from one set of engines to another (a centre's embedded database and media
/// folder into PostgreSQL and an S3 bucket): every blob its rows name, copied and read back to
/// check its SHA-256, then every row of ``LibrarySchema`` with its keys, ids and timestamps, then a
/// comparison of both sides table by table.
///
/// Blobs go first, as an upload's do, so no row in the destination ever names a missing blob.
/// A run stopped anywhere (a kill, a lost connection, ``stopAfter``) is continued by the next:
/// blobs already in the destination are read back and kept when their bytes hash to their name,
/// rows already there are skipped by key. A destination holding people, groups or recordings the
/// source does not is refused before anything is written.
///
/// Nothing may write to the source meanwhile: stop its server first.
public struct StoreMigration: Sendable {
    public let source: Stores
    public let sourceRows: any PortableRowSource
    public let destination: Stores
    public let destinationRows: any PortableRowDestination
    /// Rows per read and per insert.
    public var batchSize = 500
    /// Stops the run once this many blobs and rows were copied (checked after each blob and each
    /// batch): a large library can be moved in slices, and an interruption tested deterministically.
    public var stopAfter: Int?

    /// The tables whose every row must come from the source: a destination holding another row
    /// there is another library. `recording` is compared by id as well as by number.
    static let identityTables = ["person", "learningGroup", "recording"]
    static let chunkSize = 1 << 20

    public init(source: Stores, sourceRows: any PortableRowSource, destination: Stores, destinationRows: any PortableRowDestination) {
        self.source = source
        self.sourceRows = sourceRows
        self.destination = destination
        self.destinationRows = destinationRows
    }

    /// Runs (or continues) the migration.
    ///
    /// - Throws: ``StoreMigrationError`` for a destination holding another library, a missing or
    ///   damaged blob, or sides that differ after loading; the engines' errors as they come.
    public func run(progress: @Sendable (StoreMigrationProgress) -> Void = { _ in }) async throws -> StoreMigrationReport {
        try await checkDestinationIsThisLibrary()
        var report = StoreMigrationReport()
        var budget = stopAfter ?? Int.max
        for (kind, names) in try await blobNames() {
            let count = try await copyBlobs(names, kind: kind, budget: &budget)
            report.blobs.append(count)
            progress(.blobsDone(count))
            if budget <= 0 { return report }
        }
        for table in LibrarySchema.tables {
            let count = try await copyRows(of: table, budget: &budget)
            report.tables.append(count)
            progress(.tableDone(count))
            if budget <= 0 { return report }
        }
        for table in LibrarySchema.tables where table.hasLateColumns {
            try await forEachSourceBatch(of: table) { rows in try await destinationRows.fillLateColumns(rows, of: table) }
        }
        try await destinationRows.finishLoading()
        let rows = try await verifyRows()
        progress(.verified(tables: LibrarySchema.tables.count, rows: rows))
        report.finished = true
        return report
    }

    // MARK: Rows

    /// Refuses a destination whose people, groups or recordings are not all the source's.
    func checkDestinationIsThisLibrary() async throws {
        for name in Self.identityTables {
            guard let table = LibrarySchema.table(name) else { continue }
            let identity = table.columns.indices.filter { table.key.contains(table.columns[$0].name) || table.columns[$0].name == "id" }
            var known = Set<PortableRow>()
            try await forEachSourceBatch(of: table) { rows in
                for row in rows { known.insert(identity.map { row[$0] }) }
            }
            var after: PortableRow?
            while true {
                let rows = try await destinationRows.rows(of: table, after: after, limit: batchSize)
                for row in rows where !known.contains(identity.map { row[$0] }) {
                    throw StoreMigrationError.differentLibrary(table: name, key: identity.map { "\(row[$0])" }.joined(separator: " "))
                }
                guard rows.count == batchSize, let last = rows.last else { break }
                after = table.key(of: last)
            }
        }
    }

    private func copyRows(of table: PortableTable, budget: inout Int) async throws -> StoreMigrationReport.TableCount {
        var total = 0, inserted = 0
        var after: PortableRow?
        while budget > 0 {
            let rows = try await sourceRows.rows(of: table, after: after, limit: batchSize)
            let added = try await destinationRows.insert(rows, into: table)
            total += rows.count
            inserted += added
            budget -= added
            guard rows.count == batchSize, let last = rows.last else { break }
            after = table.key(of: last)
        }
        return .init(table: table.name, rows: total, inserted: inserted)
    }

    private func forEachSourceBatch(of table: PortableTable, _ body: ([PortableRow]) async throws -> Void) async throws {
        var after: PortableRow?
        while true {
            let rows = try await sourceRows.rows(of: table, after: after, limit: batchSize)
            try await body(rows)
            guard rows.count == batchSize, let last = rows.last else { return }
            after = table.key(of: last)
        }
    }

    /// Compares every table on both sides: the same count, then the same rows in key order.
    /// Returns how many rows were compared.
    private func verifyRows() async throws -> Int {
        var compared = 0
        for table in LibrarySchema.tables {
            let (here, there) = (try await sourceRows.rowCount(of: table), try await destinationRows.rowCount(of: table))
            guard here == there else { throw StoreMigrationError.countsDiffer(table: table.name, source: here, destination: there) }
            var after: PortableRow?
            while true {
                let mine = try await sourceRows.rows(of: table, after: after, limit: batchSize)
                let theirs = try await destinationRows.rows(of: table, after: after, limit: batchSize)
                for (index, row) in mine.enumerated() where index >= theirs.count || theirs[index] != row {
                    throw StoreMigrationError.rowsDiffer(table: table.name, key: table.key(of: row).map(\.description).joined(separator: " "))
                }
                compared += mine.count
                guard mine.count == batchSize, let last = mine.last else { break }
                after = table.key(of: last)
            }
        }
        return compared
    }

    // MARK: Blobs

    /// The blobs the source's rows name, by kind, in a stable order.
    func blobNames() async throws -> [(MediaStoreKind, [String])] {
        var audio = Set<String>(), peaks = Set<String>(), pictures = Set<String>()
        if let table = LibrarySchema.table("recording") {
            let sha = table.columns.firstIndex { $0.name == "sha256" }!, peaksSha = table.columns.firstIndex { $0.name == "peaksSha256" }!
            try await forEachSourceBatch(of: table) { rows in
                for row in rows {
                    if case .text(let name) = row[sha] { audio.insert(name) }
                    if case .text(let name) = row[peaksSha] { peaks.insert(name) }
                }
            }
        }
        if let table = LibrarySchema.table("picture") {
            let sha = table.columns.firstIndex { $0.name == "sha256" }!
            try await forEachSourceBatch(of: table) { rows in
                for row in rows { if case .text(let name) = row[sha] { pictures.insert(name) } }
            }
        }
        return [(.recordings, audio.sorted()), (.peaks, peaks.sorted()), (.pictures, pictures.sorted())]
    }

    private func copyBlobs(_ names: [String], kind: MediaStoreKind, budget: inout Int) async throws -> StoreMigrationReport.BlobCount {
        let (from, to) = (Self.store(source, kind), Self.store(destination, kind))
        var copied = 0, bytes = 0
        for name in names where budget > 0 {
            if let existing = try to.open(sha256: name) {
                if try Self.hash(existing) == name { continue }
                // A damaged copy: made again, once the source's is known to be whole (without
                // --blobs both are the same file, which is then left as it is).
                guard let original = try from.open(sha256: name) else { throw StoreMigrationError.sourceBlobMissing(kind, sha256: name) }
                guard try Self.hash(original) == name else { throw StoreMigrationError.sourceBlobDamaged(kind, sha256: name) }
                try to.remove(sha256: name)
            }
            guard let reader = try from.open(sha256: name) else { throw StoreMigrationError.sourceBlobMissing(kind, sha256: name) }
            let incoming = try to.beginWrite()
            let cursor = BlobCursor(reader, chunkSize: Self.chunkSize)
            while let chunk = try cursor.next() {
                try chunk.withUnsafeBytes { try incoming.write($0) }
            }
            let finished = try incoming.finish()
            guard finished.sha256 == name else {
                to.discard(finished)
                throw StoreMigrationError.sourceBlobDamaged(kind, sha256: name)
            }
            try to.publish(finished)
            guard let written = try to.open(sha256: name), try Self.hash(written) == name else {
                throw StoreMigrationError.destinationBlobDamaged(kind, sha256: name)
            }
            copied += 1
            bytes += finished.byteCount
            budget -= 1
        }
        return .init(kind: kind, blobs: names.count, copied: copied, bytesCopied: bytes)
    }

    /// The SHA-256 of a blob's bytes, read through.
    static func hash(_ reader: any BlobReader) throws -> String {
        var hasher = SHA256()
        let cursor = BlobCursor(reader, chunkSize: chunkSize)
        while let chunk = try cursor.next() { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func store(_ stores: Stores, _ kind: MediaStoreKind) -> any BlobStore {
        switch kind {
        case .recordings: stores.audio
        case .peaks: stores.peaks
        case .pictures: stores.pictures
        }
    }
}
