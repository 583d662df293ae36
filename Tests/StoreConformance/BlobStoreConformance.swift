import Foundation
import Storage
import Testing

/// `BlobStore`, `BlobReader` and `BlobCursor`: staged writes, publishing by hash, ranged reads,
/// removal and start-up recovery. Every behaviour runs on each of the three blob stores.
public enum BlobStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a blob is invisible until published, then reads back whole under its SHA-256", publishAndOpen),
        ConformanceCase("reads return the range asked, fewer bytes at the end, none past it", ranges),
        ConformanceCase("a cursor streams a range in chunks, clamped to the blob", cursor),
        ConformanceCase("one reader serves ranges to many tasks at once", concurrentReads),
        ConformanceCase("publishing identical bytes twice is harmless", idempotentPublish),
        ConformanceCase("discarded and dropped writes leave nothing behind", discard),
        ConformanceCase("an overwritten header or a restarted write is hashed as finally written", overwriteAndRestart),
        ConformanceCase("remove deletes the blob; removing what is absent is no error", remove),
        ConformanceCase("recovery removes unfinished writes and unreferenced blobs, keeps the rest", recover),
        ConformanceCase("the scratch folder is writable and emptied by recovery", scratch),
        ConformanceCase("the audio, peaks and picture stores are apart", storesApart),
    ]

    static func eachStore(_ stores: Stores) -> [(String, any BlobStore)] {
        [("audio", stores.audio), ("peaks", stores.peaks), ("pictures", stores.pictures)]
    }

    public static func publishAndOpen(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            // More than one write buffer, in uneven pieces.
            let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            let incoming = try blobs.beginWrite()
            var offset = 0
            for size in [1, 70_000, 3, 65_536, 64_460] {
                try bytes[offset..<offset + size].withUnsafeBytes { try incoming.write($0) }
                offset += size
            }
            #expect(incoming.byteCount == bytes.count)
            let finished = try incoming.finish()
            #expect(finished.byteCount == bytes.count, "\(name)")
            #expect(finished.sha256 == Seed.hash(of: bytes), "\(name)")
            #expect(try blobs.open(sha256: finished.sha256) == nil, "\(name): visible before publish")
            try blobs.publish(finished)
            let reader = try #require(try blobs.open(sha256: finished.sha256), "\(name)")
            #expect(reader.size == bytes.count)
            #expect(try reader.readAll() == bytes, "\(name)")
            #expect(try blobs.open(sha256: Seed.fakeHash()) == nil, "\(name)")
            // An empty blob is a blob too.
            let empty = try Seed.finished(blobs, [])
            #expect(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            try blobs.publish(empty)
            #expect(try blobs.open(sha256: empty.sha256)?.size == 0)
            #expect(try blobs.open(sha256: empty.sha256)?.readAll() == [])
        }
    }

    public static func ranges(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0) }
            let finished = try Seed.finished(blobs, bytes)
            try blobs.publish(finished)
            let reader = try #require(try blobs.open(sha256: finished.sha256))
            #expect(try reader.read(at: 0, count: 10) == Array(bytes[0..<10]), "\(name)")
            #expect(try reader.read(at: 500, count: 123) == Array(bytes[500..<623]), "\(name)")
            // Backwards, as range requests may come.
            #expect(try reader.read(at: 990, count: 10) == Array(bytes[990..<1_000]), "\(name)")
            #expect(try reader.read(at: 3, count: 2) == [3, 4], "\(name)")
            // At the end: fewer; at or past it: none; nothing asked: nothing.
            #expect(try reader.read(at: 995, count: 100) == Array(bytes[995..<1_000]), "\(name)")
            #expect(try reader.read(at: 999, count: 1) == [bytes[999]], "\(name)")
            #expect(try reader.read(at: 1_000, count: 10) == [], "\(name)")
            #expect(try reader.read(at: 5_000, count: 10) == [], "\(name)")
            #expect(try reader.read(at: 10, count: 0) == [], "\(name)")
            #expect(try reader.read(at: 0, count: 1_000_000) == bytes, "\(name)")
        }
    }

    public static func cursor(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 * 3) }
        let finished = try Seed.finished(stores.audio, bytes)
        try stores.audio.publish(finished)
        let reader = try #require(try stores.audio.open(sha256: finished.sha256))
        func drain(_ cursor: BlobCursor) throws -> [[UInt8]] {
            var chunks: [[UInt8]] = []
            while let chunk = try cursor.next() { chunks.append(chunk) }
            #expect(try cursor.next() == nil)
            return chunks
        }
        let whole = try drain(BlobCursor(reader, chunkSize: 300))
        #expect(whole.map(\.count) == [300, 300, 300, 100] && whole.flatMap { $0 } == bytes)
        let range = try drain(BlobCursor(reader, range: 100..<350, chunkSize: 100))
        #expect(range.map(\.count) == [100, 100, 50] && range.flatMap { $0 } == Array(bytes[100..<350]))
        // A range past the end stops at the end; one starting past it yields nothing.
        #expect(try drain(BlobCursor(reader, range: 900..<5_000, chunkSize: 64)).flatMap { $0 } == Array(bytes[900...]))
        #expect(try drain(BlobCursor(reader, range: 2_000..<3_000, chunkSize: 64)).isEmpty)
        #expect(try drain(BlobCursor(reader, range: 10..<10, chunkSize: 64)).isEmpty)
    }

    public static func concurrentReads(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 13 + $0 / 256) }
        let finished = try Seed.finished(stores.audio, bytes)
        try stores.audio.publish(finished)
        let reader = try #require(try stores.audio.open(sha256: finished.sha256))
        let wrong = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<32 {
                group.addTask {
                    var wrong = 0
                    for step in 0..<20 {
                        let offset = (task * 7_919 + step * 4_999) % bytes.count
                        if try reader.read(at: offset, count: 1_500) != Array(bytes[offset..<min(bytes.count, offset + 1_500)]) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }

    public static func idempotentPublish(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            let first = try Seed.finished(blobs, [1, 2, 3])
            let second = try Seed.finished(blobs, [1, 2, 3])
            #expect(first.sha256 == second.sha256 && first.temporaryPath != second.temporaryPath)
            try blobs.publish(first)
            let held = try #require(try blobs.open(sha256: first.sha256))
            try blobs.publish(second)
            #expect(try blobs.open(sha256: first.sha256)?.readAll() == [1, 2, 3], "\(name)")
            // A reader opened before still reads the same bytes.
            #expect(try held.readAll() == [1, 2, 3], "\(name)")
        }
    }

    public static func discard(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            let finished = try Seed.finished(blobs, [4, 4, 4])
            #expect(FileManager.default.fileExists(atPath: finished.temporaryPath), "\(name)")
            blobs.discard(finished)
            #expect(!FileManager.default.fileExists(atPath: finished.temporaryPath), "\(name)")
            #expect(try blobs.open(sha256: finished.sha256) == nil, "\(name)")
            // An unfinished write dropped without `finish` deletes its file.
            var path = ""
            do {
                let incoming = try blobs.beginWrite()
                path = incoming.temporaryPath
                try [UInt8](repeating: 1, count: 100_000).withUnsafeBytes { try incoming.write($0) }
                #expect(FileManager.default.fileExists(atPath: path), "\(name)")
            }
            #expect(!FileManager.default.fileExists(atPath: path), "\(name)")
            // Discarded on purpose, too.
            let incoming = try blobs.beginWrite()
            try [UInt8](repeating: 2, count: 10).withUnsafeBytes { try incoming.write($0) }
            incoming.discard()
            #expect(!FileManager.default.fileExists(atPath: incoming.temporaryPath), "\(name)")
            #expect(try blobs.recover(keeping: []).unfinishedWritesRemoved == 0, "\(name)")
        }
    }

    public static func overwriteAndRestart(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let blobs = stores.audio
        let incoming = try blobs.beginWrite()
        let body = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 / 7) }
        try body.withUnsafeBytes { try incoming.write($0) }
        try incoming.overwrite(at: 40, with: [0xAA, 0xBB, 0xCC])
        var expected = body
        expected.replaceSubrange(40..<43, with: [0xAA, 0xBB, 0xCC])
        let finished = try incoming.finish()
        #expect(finished.sha256 == Seed.hash(of: expected) && finished.byteCount == expected.count)
        try blobs.publish(finished)
        #expect(try blobs.open(sha256: finished.sha256)?.readAll() == expected)

        let restarted = try blobs.beginWrite()
        try body.withUnsafeBytes { try restarted.write($0) }
        try restarted.restart()
        try ([7, 8, 9] as [UInt8]).withUnsafeBytes { try restarted.write($0) }
        let short = try restarted.finish()
        #expect(short.byteCount == 3)
        #expect(short.sha256 == Seed.hash(of: [7, 8, 9]))
        try blobs.publish(short)
        #expect(try blobs.open(sha256: short.sha256)?.readAll() == [7, 8, 9])
    }

    public static func remove(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            let kept = try Seed.finished(blobs, [1])
            let gone = try Seed.finished(blobs, [2])
            try blobs.publish(kept)
            try blobs.publish(gone)
            try blobs.remove(sha256: gone.sha256)
            #expect(try blobs.open(sha256: gone.sha256) == nil, "\(name)")
            #expect(try blobs.open(sha256: kept.sha256)?.readAll() == [1], "\(name)")
            try blobs.remove(sha256: gone.sha256)
            try blobs.remove(sha256: Seed.fakeHash())
            // Published again after removal, it is back.
            try blobs.publish(try Seed.finished(blobs, [2]))
            #expect(try blobs.open(sha256: gone.sha256)?.readAll() == [2], "\(name)")
        }
    }

    public static func recover(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            let kept = try Seed.finished(blobs, [1, 1])
            let orphan = try Seed.finished(blobs, [2, 2])
            try blobs.publish(kept)
            try blobs.publish(orphan)
            // A crash between finishing a write and publishing it.
            let unfinished = try Seed.finished(blobs, [3, 3])
            let report = try blobs.recover(keeping: [kept.sha256])
            #expect(report.unfinishedWritesRemoved == 1 && report.orphanBlobsRemoved == 1, "\(name): \(report)")
            #expect(!FileManager.default.fileExists(atPath: unfinished.temporaryPath), "\(name)")
            #expect(try blobs.open(sha256: unfinished.sha256) == nil, "\(name)")
            #expect(try blobs.open(sha256: orphan.sha256) == nil, "\(name)")
            #expect(try blobs.open(sha256: kept.sha256)?.readAll() == [1, 1], "\(name)")
            #expect(try blobs.recover(keeping: [kept.sha256]) == RecoveryReport(), "\(name)")
            // Hashes kept that have no blob are no trouble.
            #expect(try blobs.recover(keeping: [kept.sha256, Seed.fakeHash()]) == RecoveryReport(), "\(name)")
        }
    }

    public static func scratch(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        for (name, blobs) in eachStore(stores) {
            let copy = blobs.scratchDirectory.appendingPathComponent("upload-\(UUID().uuidString)")
            try Data([1, 2, 3]).write(to: copy)
            #expect(try Data(contentsOf: copy) == Data([1, 2, 3]), "\(name)")
            _ = try blobs.recover(keeping: [])
            #expect(!FileManager.default.fileExists(atPath: copy.path), "\(name)")
        }
    }

    public static func storesApart(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let audio = try Seed.finished(stores.audio, [6, 6, 6])
        try stores.audio.publish(audio)
        #expect(try stores.peaks.open(sha256: audio.sha256) == nil)
        #expect(try stores.pictures.open(sha256: audio.sha256) == nil)
        // Recovery of one store never touches another's blobs.
        #expect(try stores.pictures.recover(keeping: []).orphanBlobsRemoved == 0)
        #expect(try stores.peaks.recover(keeping: []).orphanBlobsRemoved == 0)
        #expect(try stores.audio.open(sha256: audio.sha256)?.readAll() == [6, 6, 6])
    }
}
