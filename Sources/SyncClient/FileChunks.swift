import Foundation
import NIOCore

/// A file's bytes from an offset to its end, in chunks, as an upload's body; with `cutAfter`, the
/// sequence fails after that many bytes (a connection lost mid-upload, for tests and benchmarks).
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    let offset: Int
    let count: Int
    let cutAfter: Int?
    static let chunkBytes = 256 * 1_024

    struct Cut: Error {}

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        var remaining: Int
        var beforeCut: Int?

        mutating func next() async throws -> ByteBuffer? {
            guard remaining > 0, let handle else { return nil }
            if let cut = beforeCut, cut <= 0 { throw Cut() }
            var want = Swift.min(remaining, FileChunks.chunkBytes)
            if let cut = beforeCut { want = Swift.min(want, cut) }
            guard let data = try handle.read(upToCount: want), !data.isEmpty else { return nil }
            remaining -= data.count
            beforeCut = beforeCut.map { $0 - data.count }
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        let handle = FileHandle(forReadingAtPath: url.path)
        try? handle?.seek(toOffset: UInt64(offset))
        return AsyncIterator(handle: handle, remaining: count, beforeCut: cutAfter)
    }
}
