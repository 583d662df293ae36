import Foundation

/// A temporary copy of an upload's bytes, for the paths that need them again: a chained Ogg found
/// late is decoded from its start, and FFmpeg reads MP4 files whose index comes last by seeking.
/// Written without fsync (it never outlives the upload) and deleted with the object.
public final class ScratchFile {
    public let path: String
    private var descriptor: Int32
    public private(set) var byteCount = 0

    /// Creates an empty file with a fresh name in `directory`.
    public init(in directory: URL) throws {
        let path = directory.appendingPathComponent("\(UUID().uuidString).source").path
        // Opened before anything is stored: a class whose initializer throws once every stored
        // property is set runs its deinit, which would unlink a path this file never created.
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ScratchFileError(operation: "create", path: path, errno: errno) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        unlink(path)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw ScratchFileError(operation: "write", path: path, errno: errno) }
            done += count
        }
        byteCount += bytes.count
    }

    /// Reads the whole file back from its start, in chunks.
    public func readAll(chunkSize: Int = 256 * 1_024, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var offset = 0
        while offset < byteCount {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw ScratchFileError(operation: "read", path: path, errno: errno) }
            try chunk.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            offset += count
        }
    }
}
