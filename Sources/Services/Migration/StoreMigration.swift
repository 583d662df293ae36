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
    /// Stops the run once this many blobs and rows were copied (blobs counted exactly, rows after
    /// each batch): a large library can be moved in slices, and an interruption tested deterministically.
    public var stopAfter: Int?
    /// Blobs copied (and checked) at once.
    public var parallelCopies = 8

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
}
