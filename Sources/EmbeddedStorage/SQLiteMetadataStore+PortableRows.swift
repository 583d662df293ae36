import Foundation
import GRDB
import Storage

/// The library's rows read in the shared form, for moving them to another engine.
extension SQLiteMetadataStore: PortableRowSource {
    public func rowCount(of table: PortableTable) async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0 }
    }

    public func rows(of table: PortableTable, after key: PortableRow?, limit: Int) async throws -> [PortableRow] {
        let keyList = table.key.map(Self.columnName(in: table)).joined(separator: ", ")
        var sql = "SELECT \(table.columns.map { Self.columnName(in: table)($0.name) }.joined(separator: ", ")) FROM \(table.name)"
        var arguments = StatementArguments()
        if let key {
            sql += " WHERE (\(keyList)) > (\(key.map { _ in "?" }.joined(separator: ", ")))"
            for value in key { arguments += [Self.databaseValue(value)] }
        }
        sql += " ORDER BY \(keyList) LIMIT \(limit)"
        return try await pool.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                try table.columns.enumerated().map { index, column in try Self.portable(row[index], column, table: table) }
            }
        }
    }

    /// The column's name in this database, where it differs from the shared one.
    private static func columnName(in table: PortableTable) -> (String) -> String {
        { name in
            switch (table.name, name) {
            case ("transcriptWord", "charOffset"): "\"offset\""
            case ("transcriptSearch", "rowId"), ("attempt", "seq"): "rowid"
            default: "\"\(name)\""
            }
        }
    }

    private static func databaseValue(_ value: PortableValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .boolean(let flag): flag.databaseValue
        case .bytes(let bytes): Data(bytes).databaseValue
        }
    }

    /// A stored value as the column's kind says (SQLite keeps booleans as integers, and any
    /// column may hold any type).
    private static func portable(_ value: DatabaseValue, _ column: PortableColumn, table: PortableTable) throws -> PortableValue {
        switch (value.storage, column.kind) {
        case (.null, _): return .null
        case (.int64(let number), .integer): return .integer(number)
        case (.int64(let number), .boolean): return .boolean(number != 0)
        case (.int64(let number), .real): return .real(Double(number))
        case (.double(let number), .real): return .real(number)
        case (.string(let text), .text): return .text(text)
        case (.blob(let data), .bytes): return .bytes([UInt8](data))
        case (.string(let text), .integer) where Int64(text) != nil: return .integer(Int64(text)!)
        default:
            throw StorageError(code: .io, message: "\(table.name).\(column.name) holds \(value), not a \(column.kind) value")
        }
    }
}
