import Crypto
import Foundation
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

    func copyBlobs(_ names: [String], kind: MediaStoreKind, budget: inout Int) async throws -> StoreMigrationReport.BlobCount {
        let (from, to) = (Self.store(source, kind), Self.store(destination, kind))
        var copied = 0, bytes = 0
        for name in names where budget > 0 {
            if let existing = try to.open(sha256: name) {
                if try Self.hash(existing) == name { continue }
                // A damaged copy: made again, once the source's is known to be whole (without
                // --blobs both are the same file, which is then left as it is).
                guard let original = try from.open(sha256: name) else { throw StoreMigrationError.sourceBlobMissing(kind, sha256: name) }
                guard try Self.hash(original) == name else { throw StoreMigrationError.sourceBlobDamaged(kind, sha256: name) }
                try to.remove(sha256: name)
            }
            guard let reader = try from.open(sha256: name) else { throw StoreMigrationError.sourceBlobMissing(kind, sha256: name) }
            let incoming = try to.beginWrite()
            let cursor = BlobCursor(reader, chunkSize: Self.chunkSize)
            while let chunk = try cursor.next() {
                try chunk.withUnsafeBytes { try incoming.write($0) }
            }
            let finished = try incoming.finish()
            guard finished.sha256 == name else {
                to.discard(finished)
                throw StoreMigrationError.sourceBlobDamaged(kind, sha256: name)
            }
            try to.publish(finished)
            guard let written = try to.open(sha256: name), try Self.hash(written) == name else {
                throw StoreMigrationError.destinationBlobDamaged(kind, sha256: name)
            }
            copied += 1
            bytes += finished.byteCount
            budget -= 1
        }
        return .init(kind: kind, blobs: names.count, copied: copied, bytesCopied: bytes)
    }

    /// The SHA-256 of a blob's bytes, read through.
    static func hash(_ reader: any BlobReader) throws -> String {
        var hasher = SHA256()
        let cursor = BlobCursor(reader, chunkSize: chunkSize)
        while let chunk = try cursor.next() { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func store(_ stores: Stores, _ kind: MediaStoreKind) -> any BlobStore {
        switch kind {
        case .recordings: stores.audio
        case .peaks: stores.peaks
        case .pictures: stores.pictures
        }
    }
}
