import Foundation
import Synchronization

/// What a server printed, read on a thread of its own until the server's output ends.
///
/// A blocking read, not `FileHandle.readabilityHandler`: on Linux, tearing down the dispatch read
/// source behind that handler while others are set up (one per server, many servers at once in the
/// tests) can leave libdispatch a freed epoll note, and the whole test process crashes in
/// `_dispatch_event_loop_drain` (swift-corelibs-libdispatch issue 949).
final class ServerLog: Sendable {
    /// The bytes as read: a character may be split between two reads, so they are decoded whole.
    private let printed = Mutex([UInt8]())

    var text: String { printed.withLock { String(decoding: $0, as: UTF8.self) } }

    func append(_ text: String) { printed.withLock { $0 += Array(text.utf8) } }

    /// Keeps reading `handle` so the server never blocks on a full pipe; the thread ends at end of
    /// file, when the server and every child it started have exited.
    func drain(_ handle: FileHandle) {
        // The closure holds the handle, so its descriptor stays open (and this pipe's) until the end.
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return }
                printed.withLock { $0 += buffer[..<count] }
            }
        }
        thread.start()
    }
}
