import Crypto
import Foundation

/// A file being written under a temporary name: bytes are buffered, hashed (SHA-256) and written
/// as they come; `finish` fsyncs and closes it. Dropped without `finish`, the file is deleted.
public final class IncomingBlob {
    static let bufferSize = 64 * 1_024

    public let temporaryPath: String
    private var descriptor: Int32
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    public private(set) var byteCount = 0
    /// Set when bytes were rewritten in place: the running hash no longer matches the file.
    private var rehash = false

    public init(path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StorageError.system("create", path: path, errno: errno) }
        self.descriptor = descriptor
        self.temporaryPath = path
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { discard() }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(descriptor >= 0, "write after finish")
        hasher.update(bufferPointer: bytes)
        byteCount += bytes.count
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try drain() }
    }

    /// Replaces bytes already written at `offset` with as many new ones (a header whose content is
    /// only known at the end, such as an Ogg Opus stream's output gain).
    public func overwrite(at offset: Int, with bytes: [UInt8]) throws {
        precondition(offset + bytes.count <= byteCount, "overwrite past the end")
        try drain()
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count else { throw StorageError.system("pwrite", path: temporaryPath, errno: errno) }
        rehash = true
    }

    /// Throws away everything written so far and starts again from an empty file (an upload found
    /// to need decoding after it was partly re-muxed).
    public func restart() throws {
        precondition(descriptor >= 0, "restart after finish")
        buffer.removeAll(keepingCapacity: true)
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw StorageError.system("truncate", path: temporaryPath, errno: errno)
        }
        hasher = SHA256()
        byteCount = 0
        rehash = false
    }

    /// Writes what is buffered, fsyncs and closes the file: after this the bytes survive a crash.
    public func finish() throws -> FinishedBlob {
        try drain()
        guard fsync(descriptor) == 0 else { throw StorageError.system("fsync", path: temporaryPath, errno: errno) }
        if rehash { try hashFileAgain() }
        close(descriptor)
        descriptor = -1
        let digest = hasher.finalize().lowercaseHex
        return FinishedBlob(temporaryPath: temporaryPath, sha256: digest, byteCount: byteCount)
    }

    /// Closes and deletes an unfinished file (nothing half-written stays behind).
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    private func hashFileAgain() throws {
        hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: Self.bufferSize)
        var offset = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard count >= 0 else { throw StorageError.system("pread", path: temporaryPath, errno: errno) }
            if count == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            offset += count
        }
    }

    private func drain() throws {
        var written = 0
        try buffer.withUnsafeBytes { raw in
            while written < raw.count {
                let result = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw StorageError.system("write", path: temporaryPath, errno: errno)
                }
                written += result
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
