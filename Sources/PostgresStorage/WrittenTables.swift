import Synchronization

/// The tables the statements of one transaction wrote to (as PostgreSQL names them, in lower
/// case), so that once it ends the node empties only what they feed; `unknown` when one of them
/// was a write whose table is not read from its text.
final class WrittenTables: Sendable {
    private struct State {
        var tables: Set<String> = []
        var unknown = false
    }

    private let state = Mutex(State())

    /// Notes what `sql` writes.
    func note(_ sql: String) {
        let target = WriteTarget(sql: sql)
        state.withLock { state in
            switch target {
            case .nothing: break
            case .table(let name): state.tables.insert(name)
            case .unknown: state.unknown = true
            }
        }
    }

    /// The tables written, nil when any write's table is unknown.
    var tables: Set<String>? {
        state.withLock { $0.unknown ? nil : $0.tables }
    }
}

/// What one statement writes to, read from its first words.
enum WriteTarget: Equatable {
    /// A read, or a transaction's own statement.
    case nothing
    /// The table after `INSERT INTO`, `UPDATE` or `DELETE FROM`, in lower case.
    case table(String)
    /// Some other statement that may write (`WITH …`, `TRUNCATE`, DDL).
    case unknown

    init(sql: String) {
        // Every statement a node runs comes here: only its first three words are split off.
        let words = sql.split(maxSplits: 3, whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" })
            .prefix(3).map { $0.lowercased() }
        switch words.first {
        case nil, "select", "begin", "commit", "rollback":
            self = .nothing
        case "insert", "delete":
            self = words.count == 3 ? .table(words[2]) : .unknown
        case "update":
            self = words.count >= 2 ? .table(words[1]) : .unknown
        default:
            self = .unknown
        }
    }
}
