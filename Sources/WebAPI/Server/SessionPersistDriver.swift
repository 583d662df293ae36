import Foundation
import Hummingbird
import Storage
import Synchronization

/// Hummingbird's `PersistDriver` over the session store, so sessions survive restarts and live
/// beside everything else. Keys are stored hashed.
final class SessionPersistDriver: PersistDriver, Sendable {
    let store: any SessionStore
    /// When expired entries were last purged; new sessions trigger a purge at most every 10 minutes.
    private let lastPurge = Mutex(Date.distantPast)
    /// The last object decoded per key, with the bytes it came from: a session read again with the
    /// same bytes (every request of a signed-in browser) is not decoded again.
    private let decoded = Mutex<[String: DecodedSession]>([:])
    private static let decodedCapacity = 10_000

    init(store: any SessionStore) {
        self.store = store
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let due = lastPurge.withLock { last in
            guard last.timeIntervalSinceNow < -600 else { return false }
            last = Date()
            return true
        }
        if due { _ = try await store.purgeExpiredValues() }
        guard try await store.createValue(JSONEncoder().encode(value), forKey: key, expiresAt: expiry(expires)) else {
            throw PersistError.duplicate
        }
    }

    /// Here `set` only ever refreshes an existing session (a kiosk session's idle timer, after each
    /// request). When the database cannot take that write (full disk, locked by another process,
    /// I/O error), the session keeps its previous expiry instead of failing the request it rode on.
    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await store.setValue(JSONEncoder().encode(value), forKey: key, expiresAt: expiry(expires))
        } catch where StorageError.classify(error) != nil {
            return
        }
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let entry = try await store.value(forKey: key) else { return nil }
        let ttl = entry.expiresAt.map { Duration.milliseconds(Int64($0.timeIntervalSinceNow * 1_000)) }
        if let known = decoded.withLock({ $0[key] }), known.bytes == entry.value, let object = known.object as? Object {
            return (object, ttl)
        }
        let object = try JSONDecoder().decode(type, from: entry.value)
        decoded.withLock { cache in
            // Past capacity, start again rather than track use: refilling costs one decoding per key.
            if cache.count >= Self.decodedCapacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = DecodedSession(bytes: entry.value, object: object)
        }
        return (object, ttl)
    }

    func remove(key: String) async throws {
        _ = decoded.withLock { $0.removeValue(forKey: key) }
        try await store.removeValue(forKey: key)
    }

    private func expiry(_ duration: Duration?) -> Date? {
        duration.map { Date().addingTimeInterval($0.timeInterval) }
    }
}

/// A session object and the stored bytes it was decoded from.
private struct DecodedSession: Sendable {
    let bytes: Data
    let object: any Sendable
}
