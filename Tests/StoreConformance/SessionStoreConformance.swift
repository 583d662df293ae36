import Foundation
import Storage
import Testing

/// `SessionStore`: values by key with an expiry.
public enum SessionStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a value reads back until it expires; set replaces it; remove forgets it", setReadRemove),
        ConformanceCase("createValue takes a free or expired key, never a live one", createValue),
        ConformanceCase("of many createValue calls on one key at once, exactly one wins", createValueRace),
        ConformanceCase("purging removes what expired by then and says how many", purge),
    ]

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    public static func setReadRemove(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let sessions = stores.sessions
        let expiry = t0.addingTimeInterval(60)
        try await sessions.setValue(Data("a".utf8), forKey: "session-1", expiresAt: expiry)
        try await sessions.setValue(Data([0, 255, 1]), forKey: "forever", expiresAt: nil)
        let read = try #require(try await sessions.value(forKey: "session-1", now: t0))
        #expect(read.value == Data("a".utf8) && read.expiresAt == expiry)
        #expect(try await sessions.value(forKey: "session-1", now: expiry.addingTimeInterval(-0.001))?.value == Data("a".utf8))
        #expect(try await sessions.value(forKey: "session-1", now: expiry) == nil)
        let forever = try #require(try await sessions.value(forKey: "forever", now: t0.addingTimeInterval(1e9)))
        #expect(forever.value == Data([0, 255, 1]) && forever.expiresAt == nil)
        #expect(try await sessions.value(forKey: "unknown", now: t0) == nil)
        // Keys are exact: no case folding, no prefixes.
        #expect(try await sessions.value(forKey: "SESSION-1", now: t0) == nil)
        #expect(try await sessions.value(forKey: "session-", now: t0) == nil)
        // Set again: the new value and expiry.
        try await sessions.setValue(Data("b".utf8), forKey: "session-1", expiresAt: nil)
        let replaced = try #require(try await sessions.value(forKey: "session-1", now: expiry.addingTimeInterval(1)))
        #expect(replaced.value == Data("b".utf8) && replaced.expiresAt == nil)
        try await sessions.removeValue(forKey: "session-1")
        #expect(try await sessions.value(forKey: "session-1", now: t0) == nil)
        try await sessions.removeValue(forKey: "session-1")
        #expect(try await sessions.value(forKey: "forever", now: t0) != nil)
        // A big value (a session with a long history) reads back whole.
        let big = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0) })
        try await sessions.setValue(big, forKey: "big", expiresAt: nil)
        #expect(try await sessions.value(forKey: "big", now: t0)?.value == big)
    }

    public static func createValue(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let sessions = stores.sessions
        // createValue has no clock of its own: expiries are set around the real now.
        let now = Date()
        #expect(try await sessions.createValue(Data("first".utf8), forKey: "k", expiresAt: now.addingTimeInterval(3_600)))
        #expect(try await !sessions.createValue(Data("second".utf8), forKey: "k", expiresAt: now.addingTimeInterval(3_600)))
        #expect(try await !sessions.createValue(Data("third".utf8), forKey: "k", expiresAt: nil))
        #expect(try await sessions.value(forKey: "k")?.value == Data("first".utf8))
        // A key that never expires stays taken.
        try await sessions.setValue(Data("kept".utf8), forKey: "forever", expiresAt: nil)
        #expect(try await !sessions.createValue(Data("new".utf8), forKey: "forever", expiresAt: nil))
        // An expired key is free again.
        try await sessions.setValue(Data("old".utf8), forKey: "expired", expiresAt: now.addingTimeInterval(-60))
        #expect(try await sessions.createValue(Data("new".utf8), forKey: "expired", expiresAt: now.addingTimeInterval(3_600)))
        #expect(try await sessions.value(forKey: "expired")?.value == Data("new".utf8))
        // A removed key too.
        try await sessions.removeValue(forKey: "k")
        #expect(try await sessions.createValue(Data("again".utf8), forKey: "k", expiresAt: nil))
        #expect(try await sessions.value(forKey: "k")?.value == Data("again".utf8))
    }

    public static func createValueRace(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let gate = StartingGate(count: 40)
        let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
            for index in 0..<40 {
                group.addTask {
                    await gate.wait()
                    return try await stores.sessions.createValue(Data("\(index)".utf8), forKey: "contested", expiresAt: nil) ? index : nil
                }
            }
            var winners: [Int] = []
            for try await winner in group { if let winner { winners.append(winner) } }
            return winners
        }
        #expect(winners.count == 1)
        let stored = try await stores.sessions.value(forKey: "contested")?.value
        #expect(stored == winners.first.map { Data("\($0)".utf8) })
    }

    public static func purge(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let sessions = stores.sessions
        for (index, seconds) in [-10.0, -1, 0, 1, 10].enumerated() {
            try await sessions.setValue(Data([UInt8(index)]), forKey: "s\(index)", expiresAt: t0.addingTimeInterval(seconds))
        }
        try await sessions.setValue(Data(), forKey: "forever", expiresAt: nil)
        #expect(try await sessions.purgeExpiredValues(now: t0) == 3)
        #expect(try await sessions.purgeExpiredValues(now: t0) == 0)
        #expect(try await sessions.value(forKey: "s3", now: t0)?.value == Data([3]))
        #expect(try await sessions.value(forKey: "forever", now: t0)?.value == Data())
        #expect(try await sessions.purgeExpiredValues(now: t0.addingTimeInterval(100)) == 2)
        #expect(try await sessions.value(forKey: "forever", now: t0.addingTimeInterval(100)) != nil)
    }
}
