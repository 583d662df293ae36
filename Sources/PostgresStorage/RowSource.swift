import PostgresNIO

/// Where a read runs: the pool (any connection) or one open transaction, so that one read serves
/// both a request and a write that needs what it reads inside its transaction.
protocol RowSource {
    func rows(_ query: PostgresQuery) async throws -> [RowReader]
}

extension PostgresMetadataStore: RowSource {}

extension Transaction: RowSource {}
