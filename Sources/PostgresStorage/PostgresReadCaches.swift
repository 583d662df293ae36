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

    /// How long an entry is served at most. Every change, the command line's included, reaches
    /// every node as a notification, so this only bounds the harm of one that never came; the
    /// embedded store's 2 s (which covers other processes' writes) made every node read each hot
    /// row again every 2 s, all its connections at once.
    static let lifetime = Duration.seconds(30)

    /// Public recordings by id.
    let publicRecordings = ChangeInvalidatedCache<Recording>(lifetime: lifetime)
    /// Recordings a signed-in viewer was found to hear, by viewer and id (never what a mentor
    /// hears by the clock).
    let heardRecordings = ChangeInvalidatedCache<Recording>(lifetime: lifetime)
    /// Live tokens by hash, with their person.
    let tokenHolders = ChangeInvalidatedCache<PostgresTokenHolder>(lifetime: lifetime)
    /// People by id.
    let peopleById = ChangeInvalidatedCache<Person>(lifetime: lifetime)
    /// Session values by hashed key.
    let sessionValues = ChangeInvalidatedCache<StoredSessionValue>(lifetime: lifetime)

    /// Starts suspended: nothing is kept until the listener is in place.
    init() {
        forEach { $0.suspend() }
    }

    /// Empties what a change to `table` (as PostgreSQL names it, in lower case) may make stale,
    /// with what the database changes along with it (`ON DELETE CASCADE` / `SET NULL`): a group's
    /// memberships and its recordings' group, a network's members, a person's spoken name.
    /// Other nodes hear of those from the cascaded tables' own triggers.
    func changed(table: String) {
        switch table {
        case "recording":
            publicRecordings.removeAll()
            heardRecordings.removeAll()
            peopleById.removeAll()
            tokenHolders.removeAll()
        case "apitoken":
            tokenHolders.removeAll()
        case "person":
            tokenHolders.removeAll()
            peopleById.removeAll()
            heardRecordings.removeAll()
        case "learninggroup":
            publicRecordings.removeAll()
            heardRecordings.removeAll()
        case "membership", "network", "networkmember", "mentoringpair":
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
        switch WriteTarget(sql: sql) {
        case .nothing: break
        case .table(let name): changed(table: name)
        case .unknown: changedAll()
        }
    }

    /// Empties what a transaction that wrote `written` may have made stale.
    func changed(by written: WrittenTables) {
        guard let tables = written.tables else { return changedAll() }
        for table in tables { changed(table: table) }
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
