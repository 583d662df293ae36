import Foundation
import PostgresNIO
import Storage

/// A result row read by column name. Unquoted names fold to lower case in PostgreSQL, so the
/// names the code writes in camel case are looked up folded.
struct RowReader {
    private let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    subscript<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) -> Value {
        get throws { try cells[column.lowercased()].decode(Value.self) }
    }

    /// A millisecond timestamp column as a date.
    func date(_ column: String) throws -> Date {
        Date(millisecondsSince1970: try self[column, as: Int64.self])
    }

    func optionalDate(_ column: String) throws -> Date? {
        try self[column, as: Int64?.self].map(Date.init(millisecondsSince1970:))
    }

    /// A text column holding a raw value of `Value`; `fallback` when it holds another.
    func raw<Value: RawRepresentable>(_ column: String, _ type: Value.Type) throws -> Value where Value.RawValue == String {
        let text = try self[column, as: String.self]
        guard let value = Value(rawValue: text) else {
            throw StorageError(code: .io, message: "database column \(column) holds an unknown value '\(text)'")
        }
        return value
    }
}

extension PostgresRowSequence {
    /// Every row, read by name.
    func readers() async throws -> [RowReader] {
        try await collect().map(RowReader.init)
    }
}
