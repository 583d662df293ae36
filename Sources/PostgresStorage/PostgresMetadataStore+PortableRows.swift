import Foundation
import PostgresNIO
import Storage

/// The library's rows in the shared form: read back, and loaded with their keys kept (a library
/// moving here from the embedded store). Rows travel as one JSON parameter per batch.
extension PostgresMetadataStore: PortableRowDestination {
    public func rowCount(of table: PortableTable) async throws -> Int {
        let count: Int64 = try await rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) AS n FROM \(table.name)")).first?["n"] ?? 0
        return Int(count)
    }

    public func rows(of table: PortableTable, after key: PortableRow?, limit: Int) async throws -> [PortableRow] {
        // Text keys compared byte by byte, as the embedded store does.
        let keyList = table.key.map { name in
            table.columns.first { $0.name == name }?.kind == .text ? "\(name) COLLATE \"C\"" : name
        }.joined(separator: ", ")
        var query = BoundQuery("SELECT \(table.columns.map(\.name).joined(separator: ", ")) FROM \(table.name)")
        if let key {
            let placeholders = try key.map { value -> String in
                switch value {
                case .integer(let number): return query.bind(number)
                case .text(let text): return query.bind(text)
                default: throw StorageError(code: .io, message: "\(table.name): a key of \(value) cannot be compared")
                }
            }
            query.append(" WHERE (\(keyList)) > (\(placeholders.joined(separator: ", ")))")
        }
        query.append(" ORDER BY \(keyList) LIMIT \(query.bind(limit))")
        return try await rows(query).map { row in
            try table.columns.map { column in try Self.portable(row, column) }
        }
    }

    public func insert(_ rows: [PortableRow], into table: PortableTable) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let loaded = table.columns.filter { !$0.late }
        var targets = loaded.map(\.name), values = loaded.map(Self.recordValue)
        if table.name == "transcriptSearch" {
            // The search document is made here from the text, as saving a transcript does.
            targets.append("document")
            values.append("to_tsvector('parlons_search', r.\"text\")")
        }
        var query = BoundQuery()
        let json = query.bind(Self.json(rows, table.columns))
        query.append("""
            INSERT INTO \(table.name) (\(targets.joined(separator: ", "))) SELECT \(values.joined(separator: ", "))
            FROM jsonb_to_recordset(\(json)::jsonb) AS r(\(Self.recordColumns(table.columns)))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        // A row the destination cannot take (one referring to a missing row) is named by its table.
        defer { caches.changed(table: table.name.lowercased()) }
        return try await checked("loading \(table.name)") { try await client.query(query.query, logger: logger).collect().count }
    }

    public func fillLateColumns(_ rows: [PortableRow], of table: PortableTable) async throws {
        let late = table.columns.filter(\.late)
        guard !rows.isEmpty, !late.isEmpty else { return }
        var query = BoundQuery()
        let json = query.bind(Self.json(rows, table.columns))
        let matching = table.key.map { "t.\($0) = r.\"\($0)\"" }.joined(separator: " AND ")
        let changed = late.map { "t.\($0.name) IS DISTINCT FROM r.\"\($0.name)\"" }.joined(separator: " OR ")
        query.append("""
            UPDATE \(table.name) AS t SET \(late.map { "\($0.name) = r.\"\($0.name)\"" }.joined(separator: ", "))
            FROM jsonb_to_recordset(\(json)::jsonb) AS r(\(Self.recordColumns(table.columns)))
            WHERE \(matching) AND (\(changed))
            """)
        try await run(query.query)
    }

    public func finishLoading() async throws {
        let serials = try await rows("""
            SELECT table_name::text AS tableName, column_name::text AS columnName FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'
            """)
        for serial in serials {
            let table: String = try serial["tableName"], column: String = try serial["columnName"]
            try await run(PostgresQuery(unsafeSQL: """
                SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), m) FROM (SELECT MAX(\(column)) AS m FROM \(table)) AS x
                WHERE m IS NOT NULL
                """))
        }
    }

    /// The record's column list for `jsonb_to_recordset` (quoted: JSON keys keep their case).
    private static func recordColumns(_ columns: [PortableColumn]) -> String {
        columns.map { column in
            let type = switch column.kind {
            case .integer: "bigint"
            case .real: "float8"
            case .text, .bytes: "text"
            case .boolean: "boolean"
            }
            return "\"\(column.name)\" \(type)"
        }.joined(separator: ", ")
    }

    /// What the insert takes from the record for a column (bytes travel as hexadecimal).
    private static func recordValue(_ column: PortableColumn) -> String {
        column.kind == .bytes ? "decode(r.\"\(column.name)\", 'hex')" : "r.\"\(column.name)\""
    }

    /// The rows as a JSON array of objects keyed by column name.
    static func json(_ rows: [PortableRow], _ columns: [PortableColumn]) -> String {
        var text = "["
        for (index, row) in rows.enumerated() {
            if index > 0 { text += "," }
            text += "{"
            for (position, column) in columns.enumerated() {
                if position > 0 { text += "," }
                text += "\"\(column.name)\":" + jsonValue(row[position])
            }
            text += "}"
        }
        return text + "]"
    }

    private static func jsonValue(_ value: PortableValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number):
            // JSON has no infinities; PostgreSQL reads them from text.
            guard number.isFinite else { return number.isNaN ? "\"NaN\"" : number > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            return "\(number)"
        case .boolean(let flag): return flag ? "true" : "false"
        case .text(let text): return jsonString(text)
        case .bytes(let bytes): return "\"" + bytes.lowercaseHex + "\""
        }
    }

    private static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    private static func portable(_ row: RowReader, _ column: PortableColumn) throws -> PortableValue {
        let name = column.name
        switch column.kind {
        case .integer: return try row[name, as: Int64?.self].map(PortableValue.integer) ?? .null
        case .real: return try row[name, as: Double?.self].map(PortableValue.real) ?? .null
        case .text: return try row[name, as: String?.self].map(PortableValue.text) ?? .null
        case .boolean: return try row[name, as: Bool?.self].map(PortableValue.boolean) ?? .null
        case .bytes: return try row[name, as: Data?.self].map { .bytes([UInt8]($0)) } ?? .null
        }
    }
}
