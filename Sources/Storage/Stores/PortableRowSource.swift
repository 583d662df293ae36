/// A library's rows read table by table in a form every engine shares (``LibrarySchema``): what
/// moving a library to another engine reads on both sides.
public protocol PortableRowSource: Sendable {
    /// How many rows the table holds.
    func rowCount(of table: PortableTable) async throws -> Int
    /// Up to `limit` rows in key order (text compared byte by byte), those whose key comes after
    /// `key` (from the first when nil).
    func rows(of table: PortableTable, after key: PortableRow?, limit: Int) async throws -> [PortableRow]
}

/// An engine a library's rows can be loaded into, keeping their keys (ids, sequence numbers).
public protocol PortableRowDestination: PortableRowSource {
    /// Inserts the rows, skipping any whose key (or other unique value) is already there, with
    /// their `late` columns left empty; returns how many were new.
    func insert(_ rows: [PortableRow], into table: PortableTable) async throws -> Int
    /// Sets the `late` columns of rows already inserted (by key).
    func fillLateColumns(_ rows: [PortableRow], of table: PortableTable) async throws
    /// Once every row is in: moves the engine's own counters (sequences) past the keys loaded, so
    /// rows made later get new ones.
    func finishLoading() async throws
}
