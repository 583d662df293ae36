import Foundation
import Storage

/// Files under `<root>/<folder>/`, named by SHA-256 in a two-level fan-out (`ab/cd/abcd….opus` for
/// recordings, `…img` for pictures). Files are written under `.incoming/` on the same file system,
/// fsynced, then renamed into place (atomic) and both folders fsynced, so a crash leaves either the
/// whole file or nothing.
public struct FileBlobStore: BlobStore {
    public let root: URL
    public let fileExtension: String
    private let folder: URL
    /// `folder.path` with its slash: `path(sha256:)` runs for every audio request, and building
    /// a `URL` there cost more than the rest of the lookup.
    private let folderPath: String
    private var incoming: URL { folder.appendingPathComponent(".incoming", isDirectory: true) }
    public var scratchDirectory: URL { incoming }

    /// Creates the folders if needed; throws `notWritable` when the root cannot be written.
    public init(root: URL, folder: String = "recordings", fileExtension: String = "opus") throws {
        self.root = root.standardizedFileURL
        self.fileExtension = fileExtension
        self.folder = self.root.appendingPathComponent(folder, isDirectory: true)
        self.folderPath = self.folder.path.hasSuffix("/") ? self.folder.path : self.folder.path + "/"
        do {
            try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        } catch {
            throw StorageError(code: .notWritable, message: "cannot create the media folders under \(root.path): \(error.localizedDescription)")
        }
        guard access(incoming.path, W_OK) == 0 else {
            throw StorageError.system("cannot write to the media root", path: root.path, errno: errno)
        }
    }

    /// The store of this kind under `root`.
    public init(root: URL, kind: MediaStoreKind) throws {
        try self.init(root: root, folder: kind.folder, fileExtension: kind.fileExtension)
    }

    public func beginWrite() throws -> IncomingBlob {
        try IncomingBlob(path: incoming.appendingPathComponent("\(UUID().uuidString).part").path)
    }

    public func publish(_ blob: FinishedBlob) throws {
        let destination = path(sha256: blob.sha256)
        let folder = (destination as NSString).deletingLastPathComponent
        if mkdir((folder as NSString).deletingLastPathComponent, 0o755) != 0 && errno != EEXIST {
            throw StorageError.system("mkdir", path: folder, errno: errno)
        }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw StorageError.system("mkdir", path: folder, errno: errno) }
        guard rename(blob.temporaryPath, destination) == 0 else {
            throw StorageError.system("rename", path: destination, errno: errno)
        }
        try Self.syncDirectory(folder)
        try Self.syncDirectory(incoming.path)
    }

    public func discard(_ blob: FinishedBlob) {
        unlink(blob.temporaryPath)
    }

    public func remove(sha256: String) throws {
        let file = path(sha256: sha256)
        guard unlink(file) == 0 else {
            // Nothing to remove (its folder may not even exist): nothing to make durable either.
            if errno == ENOENT { return }
            throw StorageError.system("unlink", path: file, errno: errno)
        }
        try Self.syncDirectory((file as NSString).deletingLastPathComponent)
    }

    public func open(sha256: String) throws -> (any BlobReader)? {
        try FileBlobReader(path: path(sha256: sha256))
    }

    /// The blob's file (for copies made by backup, which works on files).
    func path(sha256: String) -> String {
        let first = sha256.prefix(2), second = sha256.dropFirst(2).prefix(2)
        return "\(folderPath)\(first)/\(second)/\(sha256).\(fileExtension)"
    }

    public func recover(keeping referenced: Set<String>) throws -> RecoveryReport {
        var report = RecoveryReport()
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: incoming.path)) ?? [] {
            if unlink(incoming.appendingPathComponent(name).path) == 0 { report.unfinishedWritesRemoved += 1 }
        }
        let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == ".incoming" { enumerator?.skipDescendants(); continue }
            guard url.pathExtension == fileExtension else { continue }
            let hash = url.deletingPathExtension().lastPathComponent
            if !referenced.contains(hash), unlink(url.path) == 0 { report.orphanBlobsRemoved += 1 }
        }
        return report
    }

    /// fsync on a folder makes a rename or unlink inside it durable.
    static func syncDirectory(_ path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.system("open folder", path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError.system("fsync folder", path: path, errno: errno) }
    }
}
