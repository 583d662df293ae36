import Foundation
import PostgresNIO
import Storage

/// The sync store on PostgreSQL: the centre's side of a camp's pair. The change log is written by
/// the triggers of migration v4, whichever code (on whichever node) changed what travels.
extension PostgresMetadataStore: SyncStore {
    public func serverId() async throws -> String {
        try await rows("SELECT id FROM syncSelf").first?["id", as: String.self] ?? ""
    }

    public func pair(groupId: String) async throws -> SyncPair? {
        try await rows("SELECT * FROM syncPair WHERE groupId = \(groupId)").first.map(Self.pair)
    }

    public func pairs() async throws -> [SyncPair] {
        try await rows("SELECT * FROM syncPair ORDER BY groupId COLLATE \"C\"").map(Self.pair)
    }

    public func save(_ pair: SyncPair) async throws {
        try await transaction("sync pair of \(pair.groupId)") { transaction in try await Self.save(pair, transaction) }
    }

    /// Changes are numbered at commit, in commit order: once `lastSeq` is seen, every change
    /// numbered before it is committed too, and none can appear below it later.
    public func changes(after seq: Int64, excludingOrigin origin: String?) async throws -> (changes: [SyncChange], lastSeq: Int64) {
        let last: Int64 = try await rows("SELECT COALESCE(MAX(seq), 0) AS last FROM syncChange").first?["last"] ?? 0
        let changes = try await rows("""
            SELECT seq, kind, itemId, origin FROM syncChange WHERE seq > \(seq) AND seq <= \(last)
            AND (origin IS NULL OR origin IS DISTINCT FROM \(origin)) ORDER BY seq
            """).compactMap { row -> SyncChange? in
            guard let kind = SyncItemKind(rawValue: try row["kind"]) else { return nil }
            return SyncChange(seq: try row["seq"], kind: kind, itemId: try row["itemId"], origin: try row["origin"])
        }
        return (changes, last)
    }

    public func syncedRecording(id: String) async throws -> SyncedRecording? {
        try await Self.syncedRecording(id: id, self)
    }

    public func recordingsKnown(to peer: String, among recordingIds: [String]) async throws -> Set<String> {
        guard !recordingIds.isEmpty else { return [] }
        return Set(try await rows("""
            SELECT DISTINCT itemId FROM syncChange WHERE origin = \(peer) AND kind = 'recording' AND itemId = ANY(\(recordingIds))
            """).map { try $0["itemId", as: String.self] })
    }

    public func tombstones() async throws -> [Tombstone] {
        try await rows("SELECT * FROM tombstone ORDER BY recordingId COLLATE \"C\"").map(Tombstone.init(row:))
    }

    public func attempts(recordingId: String) async throws -> [Attempt] {
        try await rows("SELECT * FROM attempt WHERE recordingId = \(recordingId) ORDER BY createdAt, id COLLATE \"C\"").map(Attempt.init(row:))
    }
}

extension PostgresMetadataStore {
    static func syncedRecording(id: String, _ source: some RowSource) async throws -> SyncedRecording? {
        guard let row = try await source.rows("SELECT \(unescaped: Recording.columns), r.sharingChangedAt FROM recording r WHERE r.id = \(id)")
            .first else { return nil }
        return SyncedRecording(recording: try Recording(row: row), sharingChangedAt: try row["sharingChangedAt"])
    }

    static func pair(_ row: RowReader) throws -> SyncPair {
        SyncPair(groupId: try row["groupId"], key: [UInt8](try row["key", as: Data.self]), peerServerId: try row["peerServerId"],
                 sentUpTo: try row["sentUpTo"], peerReceivedUpTo: try row["peerReceivedUpTo"], receivedUpTo: try row["receivedUpTo"],
                 lastExchangeAt: try row.optionalDate("lastExchangeAt"), pairedAt: try row.date("pairedAt"), peerURL: try row["peerURL"])
    }

    /// Inserts or replaces the pair.
    static func save(_ pair: SyncPair, _ transaction: Transaction) async throws {
        try await transaction.run("""
            INSERT INTO syncPair (groupId, key, peerServerId, sentUpTo, peerReceivedUpTo, receivedUpTo, lastExchangeAt, pairedAt, peerURL)
            VALUES (\(pair.groupId), \(Data(pair.key)), \(pair.peerServerId), \(pair.sentUpTo), \(pair.peerReceivedUpTo), \(pair.receivedUpTo),
            \(pair.lastExchangeAt?.millisecondsSince1970), \(pair.pairedAt.millisecondsSince1970), \(pair.peerURL))
            ON CONFLICT (groupId) DO UPDATE SET key = excluded.key, peerServerId = excluded.peerServerId, sentUpTo = excluded.sentUpTo,
            peerReceivedUpTo = excluded.peerReceivedUpTo, receivedUpTo = excluded.receivedUpTo, lastExchangeAt = excluded.lastExchangeAt,
            pairedAt = excluded.pairedAt, peerURL = excluded.peerURL
            """)
    }
}
