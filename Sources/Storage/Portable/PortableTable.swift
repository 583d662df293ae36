/// A table of the library as every engine holds it: its name, columns and primary key, in the
/// names and kinds the engines share (the embedded store's migrations v1 to v12, PostgreSQL's v1).
public struct PortableTable: Sendable, Hashable {
    public let name: String
    public let columns: [PortableColumn]
    /// The primary key's columns: rows are read in this order, and a row already there is skipped.
    public let key: [String]

    public init(_ name: String, key: [String], _ columns: [PortableColumn]) {
        self.name = name
        self.key = key
        self.columns = columns
    }

    /// The positions of the key's columns in a row.
    public var keyIndices: [Int] {
        key.map { name in columns.firstIndex { $0.name == name }! }
    }

    /// The key of one of this table's rows.
    public func key(of row: PortableRow) -> PortableRow {
        keyIndices.map { row[$0] }
    }

    /// Whether some column is only filled in once every table is loaded.
    public var hasLateColumns: Bool { columns.contains(where: \.late) }
}
