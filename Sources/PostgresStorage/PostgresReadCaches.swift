import Storage

/// What one node keeps in memory of the database: the rows read on nearly every request (a public
/// recording's audio, a signed-in viewer's own and group audio, their session, their person, a
/// bearer token), as the embedded store keeps them.
///
/// Several nodes share the database, so every committed change must empty these on every node:
/// the schema's triggers send the changed table's name on ``channel`` (PostgreSQL `NOTIFY`, sent
/// at commit), every node listens (``PostgresChangeListener``) and empties the caches that table
/// feeds. A node's own writes empty them as soon as they return, before the notification comes
/// back. While a node is not listening, its caches keep nothing.
final class PostgresReadCaches: Sendable {
    /// The notification channel the triggers write to.
    static let channel = "parlons_changes"

    /// Public recordings by id.
    let publicRecordings = ChangeInvalidatedCache<Recording>()
    /// Recordings a signed-in viewer was found to hear, by viewer and id (never what a mentor
    /// hears by the clock).
    let heardRecordings = ChangeInvalidatedCache<Recording>()
    /// Live tokens by hash, with their person.
    let tokenHolders = ChangeInvalidatedCache<PostgresTokenHolder>()
    /// People by id.
    let peopleById = ChangeInvalidatedCache<Person>()
    /// Session values by hashed key.
    let sessionValues = ChangeInvalidatedCache<StoredSessionValue>()

    /// Starts suspended: nothing is kept until the listener is in place.
    init() {
        forEach { $0.suspend() }
    }

    /// Empties what a change to `table` (as PostgreSQL names it, in lower case) may make stale.
    func changed(table: String) {
        switch table {
        case "recording":
            publicRecordings.removeAll()
            heardRecordings.removeAll()
        case "apitoken":
            tokenHolders.removeAll()
        case "person":
            tokenHolders.removeAll()
            peopleById.removeAll()
            heardRecordings.removeAll()
        case "membership", "networkmember", "mentoringpair":
            heardRecordings.removeAll()
        case "keyvalue":
            sessionValues.removeAll()
        default:
            break
        }
    }

    /// Empties what a statement that may write (`sql`) may make stale: the table it names after
    /// `INSERT INTO`, `UPDATE` or `DELETE FROM`; everything for any other write.
    func changed(bySQL sql: String) {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).prefix(3).map { $0.lowercased() }
        guard let verb = words.first else { return }
        switch verb {
        case "select", "begin", "commit", "rollback":
            return
        case "insert", "delete":
            if words.count == 3 { changed(table: words[2]) } else { changedAll() }
        case "update":
            if words.count >= 2 { changed(table: words[1]) } else { changedAll() }
        default:
            changedAll()
        }
    }

    func changedAll() {
        forEach { $0.removeAll() }
    }

    /// Keeps nothing (the node cannot hear of changes).
    func suspend() {
        forEach { $0.suspend() }
    }

    /// Keeps rows again (the node hears of every change from now on).
    func resume() {
        forEach { $0.resume() }
    }

    private func forEach(_ body: (any CacheControl) -> Void) {
        for cache: any CacheControl in [publicRecordings, heardRecordings, tokenHolders, peopleById, sessionValues] { body(cache) }
    }
}

/// What the caches have in common, whatever they keep.
private protocol CacheControl {
    func removeAll()
    func suspend()
    func resume()
}

extension ChangeInvalidatedCache: CacheControl {}
