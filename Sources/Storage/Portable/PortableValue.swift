/// One cell of a row moved between storage engines, in a form neither engine owns: what a table
/// column holds once the engine's own representation (the embedded store's integer booleans, PostgreSQL's
/// `BYTEA`) is taken off.
public enum PortableValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case bytes([UInt8])

    public var description: String {
        switch self {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .boolean(let value): String(value)
        case .bytes(let value): "\(value.count) bytes"
        }
    }
}

/// One row of a ``PortableTable``: a value per column, in the table's column order.
public typealias PortableRow = [PortableValue]
