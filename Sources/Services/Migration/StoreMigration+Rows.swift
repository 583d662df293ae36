import Storage

/// The rows: the destination checked, every table loaded in order, both sides compared.
extension StoreMigration {
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

    func copyRows(of table: PortableTable, budget: inout Int) async throws -> StoreMigrationReport.TableCount {
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

    func forEachSourceBatch(of table: PortableTable, _ body: ([PortableRow]) async throws -> Void) async throws {
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
    func verifyRows() async throws -> Int {
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
}
