import Crypto
import Foundation
import NIOPosix
import Storage

/// The blobs: every one the source's rows name, copied and read back.
extension StoreMigration {
    /// The blobs the source's rows name, by kind, in a stable order.
    func blobNames() async throws -> [(MediaStoreKind, [String])] {
        var audio = Set<String>(), peaks = Set<String>(), pictures = Set<String>()
        if let table = LibrarySchema.table("recording") {
            let sha = table.columns.firstIndex { $0.name == "sha256" }!, peaksSha = table.columns.firstIndex { $0.name == "peaksSha256" }!
            try await forEachSourceBatch(of: table) { rows in
                for row in rows {
                    if case .text(let name) = row[sha] { audio.insert(name) }
                    if case .text(let name) = row[peaksSha] { peaks.insert(name) }
                }
            }
        }
        if let table = LibrarySchema.table("picture") {
            let sha = table.columns.firstIndex { $0.name == "sha256" }!
            try await forEachSourceBatch(of: table) { rows in
                for row in rows { if case .text(let name) = row[sha] { pictures.insert(name) } }
            }
        }
        return [(.recordings, audio.sorted()), (.peaks, peaks.sorted()), (.pictures, pictures.sorted())]
    }

    /// Copies the blobs the destination lacks (or holds damaged), at most `budget` of them, several
    /// at once on threads of their own (each is a few round trips to an object store). Failures are
    /// reported for the first blob in name order, whichever thread met its own first.
    func copyBlobs(_ names: [String], kind: MediaStoreKind, budget: inout Int) async throws -> StoreMigrationReport.BlobCount {
        let (from, to) = (Self.store(source, kind), Self.store(destination, kind))
        let threads = NIOThreadPool(numberOfThreads: max(1, parallelCopies))
        threads.start()
        do {
            let missing = try await Self.each(names, on: threads, width: parallelCopies) { name in
                try Self.needsCopy(name, kind: kind, from: from, to: to)
            }
            let wanted = Array(zip(names, missing).filter(\.1).map(\.0).prefix(max(0, budget)))
            let sizes = try await Self.each(wanted, on: threads, width: parallelCopies) { name in
                try Self.copy(name, kind: kind, from: from, to: to)
            }
            try await threads.shutdownGracefully()
            budget -= wanted.count
            return .init(kind: kind, blobs: names.count, copied: wanted.count, bytesCopied: sizes.reduce(0, +))
        } catch {
            try? await threads.shutdownGracefully()
            throw error
        }
    }

    /// Whether the destination lacks the blob; a damaged copy there is removed first, once the
    /// source's is known whole (without --blobs both are the same file, which is then left as it is).
    static func needsCopy(_ name: String, kind: MediaStoreKind, from: any BlobStore, to: any BlobStore) throws -> Bool {
        guard let existing = try to.open(sha256: name) else { return true }
        if try hash(existing) == name { return false }
        guard let original = try from.open(sha256: name) else { throw StoreMigrationError.sourceBlobMissing(kind, sha256: name) }
        guard try hash(original) == name else { throw StoreMigrationError.sourceBlobDamaged(kind, sha256: name) }
        try to.remove(sha256: name)
        return true
    }

    /// Copies one blob, checks the bytes written hash to its name, publishes them and reads them
    /// back; returns its size.
    static func copy(_ name: String, kind: MediaStoreKind, from: any BlobStore, to: any BlobStore) throws -> Int {
        guard let reader = try from.open(sha256: name) else { throw StoreMigrationError.sourceBlobMissing(kind, sha256: name) }
        let incoming = try to.beginWrite()
        let cursor = BlobCursor(reader, chunkSize: chunkSize)
        while let chunk = try cursor.next() {
            try chunk.withUnsafeBytes { try incoming.write($0) }
        }
        let finished = try incoming.finish()
        guard finished.sha256 == name else {
            to.discard(finished)
            throw StoreMigrationError.sourceBlobDamaged(kind, sha256: name)
        }
        try to.publish(finished)
        guard let written = try to.open(sha256: name), try hash(written) == name else {
            throw StoreMigrationError.destinationBlobDamaged(kind, sha256: name)
        }
        return finished.byteCount
    }

    /// `body` for every name, at most `width` at a time on `threads`; the results in the names'
    /// order, or the error of the first name (in that order) that failed.
    static func each<T: Sendable>(_ names: [String], on threads: NIOThreadPool, width: Int,
                                  _ body: @escaping @Sendable (String) throws -> T) async throws -> [T] {
        var results = [Result<T, any Error>?](repeating: nil, count: names.count)
        await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            var next = 0
            func start() {
                let index = next, name = names[index]
                next += 1
                group.addTask {
                    do { return (index, .success(try await threads.runIfActive { try body(name) })) } catch { return (index, .failure(error)) }
                }
            }
            while next < min(max(1, width), names.count) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < names.count { start() }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// The SHA-256 of a blob's bytes, read through.
    static func hash(_ reader: any BlobReader) throws -> String {
        var hasher = SHA256()
        let cursor = BlobCursor(reader, chunkSize: chunkSize)
        while let chunk = try cursor.next() { hasher.update(data: chunk) }
        return hasher.finalize().lowercaseHex
    }

    static func store(_ stores: Stores, _ kind: MediaStoreKind) -> any BlobStore {
        switch kind {
        case .recordings: stores.audio
        case .peaks: stores.peaks
        case .pictures: stores.pictures
        }
    }
}
