import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One exchange of a group at a time on this server, across processes (`parlons sync now` beside
/// `serve --sync-every`): an exclusive `flock` on `sync/locks/GROUP.lock`. The kernel releases it
/// when the process ends, however it ends, so a killed exchange never leaves the group locked.
final class SyncExchangeLock {
    private let descriptor: Int32

    /// Takes the lock, or throws ``SyncError/exchangeRunning(groupId:)`` at once when it is held.
    init(folder: URL, groupId: String) throws {
        let locks = folder.appendingPathComponent("locks", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        } catch {
            throw SyncError.cannotWrite(path: locks.path, reason: "\(error)")
        }
        let path = locks.appendingPathComponent("\(groupId).lock").path
        // Locked before it is stored: a class whose initializer throws once every stored property
        // is set runs its deinit, which would close the descriptor a second time, by then perhaps
        // another thread's socket.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SyncError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SyncError.exchangeRunning(groupId: groupId)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
