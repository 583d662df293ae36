import Foundation
import Storage

/// Blobs in an S3-compatible bucket, under `<prefix><folder>/ab/cd/abcd….<ext>` (the media
/// folder's layout, so a folder copied up as it is reads back). Writes are staged in a local
/// folder (`IncomingBlob`: written, hashed, fsynced), then `publish` puts them — in one PUT, or
/// in parts of `partSize` for large blobs — and deletes the staged copy. An S3 object appears
/// only once its PUT or its multipart upload completes, whole, which is the protocol's promise.
public struct S3BlobStore: BlobStore {
    /// S3's smallest part but the last.
    public static let minimumPartSize = 5 * 1_024 * 1_024

    public let client: S3Client
    public let kind: MediaStoreKind
    /// Blobs larger than this go up in parts of this size.
    public let partSize: Int
    /// How old an unreferenced object or an unfinished multipart upload must be before recovery
    /// removes it: younger ones may be another node's upload whose row is not committed yet.
    /// Zero for a prefix only one process ever writes.
    public let sweepGrace: Duration
    private let incoming: URL
    public var scratchDirectory: URL { incoming }

    /// Creates the local staging folder `<stagingRoot>/<folder>/.incoming`; throws `notWritable`
    /// when it cannot be written. Does not touch the bucket: ``S3BlobStores/open(location:credentials:stagingRoot:)``
    /// checks it once for the three stores.
    public init(client: S3Client, kind: MediaStoreKind, stagingRoot: URL, partSize: Int = 8 * 1_024 * 1_024,
                sweepGrace: Duration = .zero) throws {
        self.client = client
        self.kind = kind
        self.partSize = max(partSize, Self.minimumPartSize)
        self.sweepGrace = max(sweepGrace, .zero)
        incoming = stagingRoot.standardizedFileURL.appendingPathComponent(kind.folder, isDirectory: true)
            .appendingPathComponent(".incoming", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        } catch {
            throw StorageError(code: .notWritable, message: "cannot create the staging folder \(incoming.path): \(error.localizedDescription)")
        }
        guard access(incoming.path, W_OK) == 0 else {
            throw StorageError.system("cannot write to the staging folder", path: incoming.path, errno: errno)
        }
    }

    /// The object key of a blob (after the location's prefix).
    public func key(sha256: String) -> String {
        "\(kind.folder)/\(kind.relativePath(sha256: sha256))"
    }

    /// A presigned GET of the blob's object, valid `seconds` (the object store then sends the bytes).
    public func temporaryURL(sha256: String, seconds: Int) -> String? {
        client.presignedGET(key(sha256: sha256), expires: seconds)
    }

    public func beginWrite() throws -> IncomingBlob {
        try IncomingBlob(path: incoming.appendingPathComponent("\(UUID().uuidString).part").path)
    }

    public func publish(_ blob: FinishedBlob) throws {
        let key = key(sha256: blob.sha256)
        // Put even when an object of this name (these bytes) is there already: it may be an
        // unreferenced one old enough for another node's recovery to delete, and writing it again
        // makes it young. (Twins are rare; a HEAD first would cost every upload a round trip.)
        if blob.byteCount <= partSize {
            try client.put(key, bytes: try Self.readFile(blob.temporaryPath, at: 0, count: blob.byteCount), sha256: blob.sha256)
        } else {
            try putInParts(blob, key: key)
        }
        unlink(blob.temporaryPath)
    }

    /// Multipart upload, one part in memory at a time; aborted (its parts deleted) on failure.
    private func putInParts(_ blob: FinishedBlob, key: String) throws {
        let uploadID = try client.startMultipart(key)
        do {
            var etags: [String] = []
            var offset = 0
            while offset < blob.byteCount {
                let bytes = try Self.readFile(blob.temporaryPath, at: offset, count: min(partSize, blob.byteCount - offset))
                etags.append(try client.uploadPart(key, uploadID: uploadID, number: etags.count + 1, bytes: bytes))
                offset += bytes.count
            }
            try client.completeMultipart(key, uploadID: uploadID, etags: etags)
        } catch {
            try? client.abortMultipart(key, uploadID: uploadID)
            throw error
        }
    }

    public func discard(_ blob: FinishedBlob) {
        unlink(blob.temporaryPath)
    }

    public func remove(sha256: String) throws {
        try client.delete(key(sha256: sha256))
    }

    public func open(sha256: String) throws -> (any BlobReader)? {
        let key = key(sha256: sha256)
        return try client.size(of: key).map { S3BlobReader(client: client, key: key, size: $0) }
    }

    /// Empties the staging folder, aborts the multipart uploads a crash left under this kind's
    /// folder (both count as unfinished writes), and deletes every object of this kind no row
    /// refers to — of those, only uploads started and last sent to, and objects written, at least
    /// ``sweepGrace`` ago: younger ones may be another node's upload in flight (several nodes share
    /// a prefix).
    /// An object is looked at again just before it is deleted, so one written again since the
    /// listing (a twin's upload) is kept.
    public func recover(keeping referenced: Set<String>) throws -> RecoveryReport {
        var report = RecoveryReport()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: incoming.path)) ?? [] {
            if unlink(incoming.appendingPathComponent(name).path) == 0 { report.unfinishedWritesRemoved += 1 }
        }
        let oldest = Date() - sweepGrace.timeInterval
        for upload in try client.unfinishedMultiparts(prefix: "\(kind.folder)/") where upload.initiated <= oldest {
            // Started long ago, but maybe still sending (a large file on a slow link): its latest part says.
            if sweepGrace > .zero, try client.lastPartWritten(upload.key, uploadID: upload.uploadID) ?? .distantPast > oldest { continue }
            try client.abortMultipart(upload.key, uploadID: upload.uploadID)
            report.unfinishedWritesRemoved += 1
        }
        let suffix = ".\(kind.fileExtension)"
        for object in try client.objects(prefix: "\(kind.folder)/") where object.key.hasSuffix(suffix) && object.lastModified <= oldest {
            let hash = String(object.key.split(separator: "/").last!.dropLast(suffix.count))
            guard !referenced.contains(hash) else { continue }
            if sweepGrace > .zero, try lastModified(object.key) ?? .distantPast > oldest { continue }
            try client.delete(object.key)
            report.orphanBlobsRemoved += 1
        }
        return report
    }

    /// When the object was last written, nil when there is none.
    private func lastModified(_ key: String) throws -> Date? {
        try client.objects(prefix: key).first { $0.key == key }?.lastModified
    }

    /// `count` bytes of a staged file from `offset`.
    static func readFile(_ path: String, at offset: Int, count: Int) throws -> [UInt8] {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.system("open", path: path, errno: errno) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw got < 0 ? StorageError.system("pread", path: path, errno: errno)
                    : StorageError(code: .io, message: "\(path) is shorter than its \(offset + count) bytes")
            }
            filled += got
        }
        return bytes
    }
}
