import CSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, given only the three descriptors it is handed
/// (every other one closed in the child by the kernel) and every signal at its default, none blocked.
///
/// Why not Foundation's `Process`: on Linux (Swift 6.3.1) it lists `/proc/self/fd` to close what
/// the child must not inherit, and that listing over-reads its buffer and can crash the whole
/// server once the process holds about 1,360 descriptors (a busy server's connections;
/// swift-corelibs-foundation pull request 5472).
final class SpawnedProcess: Sendable {
    /// How a process ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// It could not be waited for (the errno): whatever it did is unknown, so not a success.
        case unknown(Int32)
    }

    let pid: pid_t
    /// Set once the child is waited for: from then on its pid may be another process's.
    private let ended = Mutex(false)

    /// Starts `executable` with `arguments` (the first argument, its name, is added), standard
    /// output and error on the given descriptors, standard input empty (`/dev/null`), and this
    /// process's environment.
    init(executable: String, arguments: [String], stdout: Int32, stderr: Int32) throws {
        var actions = posix_spawn_file_actions_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { throw SpawnError(executable: executable, code: errno) }
        defer { posix_spawn_file_actions_destroy(&actions) }
        let input = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        guard input == 0 else { throw SpawnError(executable: executable, code: input) }
        for (from, to) in [(stdout, Int32(1)), (stderr, 2)] {
            let code = posix_spawn_file_actions_adddup2(&actions, from, to)
            guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        }
        let closing = posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        guard closing == 0 else { throw SpawnError(executable: executable, code: closing) }
        // Signals as a fresh program has them: a server ignores SIGTERM to shut down on its own
        // terms (and may block others), which a child would inherit.
        var attributes = posix_spawnattr_t()
        guard posix_spawnattr_init(&attributes) == 0 else { throw SpawnError(executable: executable, code: errno) }
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        for code in [posix_spawnattr_setsigdefault(&attributes, &all), posix_spawnattr_setsigmask(&attributes, &none),
                     posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))] where code != 0 {
            throw SpawnError(executable: executable, code: code)
        }
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = (argv + [nil]).withUnsafeBufferPointer { pointer in
            posix_spawn(&pid, executable, &actions, &attributes, UnsafeMutablePointer(mutating: pointer.baseAddress!), environ)
        }
        guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        self.pid = pid
    }

    /// Stops the child at once (SIGKILL: FFmpeg's tools catch SIGTERM and finish the packet they
    /// are on, which a hung decoder never does), unless it was already waited for. True when the
    /// signal was sent.
    @discardableResult
    func kill() -> Bool {
        ended.withLock { done in
            guard !done else { return false }
            return Glibc.kill(pid, SIGKILL) == 0
        }
    }

    /// Blocks until the child ends, and reaps it.
    func waitUntilExit() -> Ending {
        // Wait without reaping first: until the flag is set, the pid stays this child's (a zombie),
        // so `kill` from another thread can never hit a process that took the number since.
        var info = siginfo_t()
        var waited = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT)
        while waited != 0 && errno == EINTR { waited = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) }
        let waitError = waited == 0 ? 0 : errno
        ended.withLock { $0 = true }
        guard waitError == 0 else { return .unknown(waitError) }
        var status: Int32 = 0
        var reaped = waitpid(pid, &status, 0)
        while reaped == -1 && errno == EINTR { reaped = waitpid(pid, &status, 0) }
        guard reaped == pid else { return .unknown(errno) }
        // The <sys/wait.h> macros, which Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

/// `posix_spawn` or one of its file actions failed.
struct SpawnError: Error, CustomStringConvertible {
    let executable: String
    let code: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
}
