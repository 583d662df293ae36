import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Stored Opus files held in memory, so that the audio learners replay again and again (a
/// scenario's prompts, the spoken labels, a group's stories) is served without touching the disk
/// or leaving the event loop. Files are content-addressed and never change, so an entry cannot go
/// stale; the oldest entries leave once `capacityBytes` is reached. Files above `largestFile` are
/// never kept (they are streamed from disk).
final class OpusFileCache: Sendable {
    private struct State {
        var files: [String: ByteBuffer] = [:]
        var order: [String] = []
        var bytes = 0
    }

    private let state = Mutex(State())
    let capacityBytes: Int
    let largestFile: Int

    /// `capacityBytes` 0 keeps nothing.
    init(capacityBytes: Int, largestFile: Int = 2 * 1_024 * 1_024) {
        self.capacityBytes = capacityBytes
        self.largestFile = min(largestFile, capacityBytes)
    }

    /// Whether a file of this size is kept at all.
    func accepts(byteCount: Int) -> Bool { byteCount <= largestFile }

    func file(sha256: String) -> ByteBuffer? {
        state.withLock { $0.files[sha256] }
    }

    /// The file from memory, else read whole by `read` (on NIO's thread pool) and kept.
    func load(sha256: String, byteCount: Int, read: @escaping @Sendable () throws -> [UInt8]) async throws -> ByteBuffer {
        if let known = file(sha256: sha256) { return known }
        let buffer = try await NIOThreadPool.singleton.runIfActive { ByteBuffer(bytes: try read()) }
        // The row's size is what was committed; a file that differs is not the stored one.
        guard buffer.readableBytes == byteCount else { return buffer }
        store(buffer, sha256: sha256)
        return buffer
    }

    private func store(_ buffer: ByteBuffer, sha256: String) {
        state.withLock { state in
            guard state.files[sha256] == nil else { return }
            while state.bytes + buffer.readableBytes > capacityBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.files.removeValue(forKey: oldest)?.readableBytes ?? 0
            }
            state.files[sha256] = buffer
            state.order.append(sha256)
            state.bytes += buffer.readableBytes
        }
    }
}
