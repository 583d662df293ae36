import Foundation

/// A small tmpfs mounted on a fresh folder, for tests of a full or read-only disk. Mounting needs
/// root, which the README's test command has in CI; without it the test fails and says so (it is
/// never skipped).
public final class TmpfsMount: @unchecked Sendable {
    public let path: URL

    public enum Failure: Error, CustomStringConvertible {
        case cannotMount(String)
        public var description: String {
            switch self {
            case .cannotMount(let why): "cannot mount a tmpfs (the fault tests run as root, as in CI): \(why)"
            }
        }
    }

    /// Mounts a tmpfs of `bytes` bytes (`readOnly`: mounted read-only from the start).
    public init(bytes: Int, readOnly: Bool = false) throws {
        path = try ExternalTool.temporaryDirectory("parlons-tmpfs")
        let options = "size=\(bytes),mode=0755" + (readOnly ? ",ro" : "")
        let result = try ExternalTool.run("mount", ["-t", "tmpfs", "-o", options, "parlons-test", path.path], requireSuccess: false)
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: path)
            throw Failure.cannotMount("uid \(getuid()): \(result.stderr)")
        }
    }

    /// Remounts it read-only (or writable again): what is on it stays.
    public func remount(readOnly: Bool) throws {
        try ExternalTool.run("mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", path.path])
    }

    /// Bytes still free on it.
    public var freeBytes: Int {
        var stats = statvfs()
        guard statvfs(path.path, &stats) == 0 else { return 0 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Writes a file of zeros until it has `bytes` bytes or the disk is full; returns the size written.
    @discardableResult
    public func fill(_ name: String, bytes: Int = .max) -> Int {
        let descriptor = open(path.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4_096)
        var written = 0
        while written < bytes {
            let count = block.withUnsafeBytes { write(descriptor, $0.baseAddress, min($0.count, bytes - written)) }
            if count <= 0 { break }
            written += count
        }
        return written
    }

    /// Unmounts and removes the folder.
    public func unmount() {
        _ = try? ExternalTool.run("umount", ["-l", path.path], requireSuccess: false)
        try? FileManager.default.removeItem(at: path)
    }
}
