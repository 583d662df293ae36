/// One stored blob, open for reading: by range, in any order. Reads may wait for the disk or the
/// network: read large blobs off the request executor (the heavy-work pool, NIO's thread pool).
/// The blob is closed when the last reference to its reader goes.
public protocol BlobReader: AnyObject, Sendable {
    /// The blob's size in bytes.
    var size: Int { get }
    /// Up to `count` bytes from `offset`: fewer only at the end, none past it.
    func read(at offset: Int, count: Int) throws -> [UInt8]
}

extension BlobReader {
    /// The whole blob in memory: for small blobs only (photos, peaks, audio for the memory cache).
    public func readAll() throws -> [UInt8] {
        try read(at: 0, count: size)
    }
}

/// Reads a blob from the start in chunks of at most `chunkSize`: what streaming answers need.
/// Used by one reader of the stream at a time, hence `@unchecked Sendable`.
public final class BlobCursor: @unchecked Sendable {
    private let reader: any BlobReader
    private let chunkSize: Int
    private var offset: Int
    private let end: Int

    /// Bytes `range` of the blob (all of it when nil), `chunkSize` at a time.
    public init(_ reader: any BlobReader, range: Range<Int>? = nil, chunkSize: Int) {
        self.reader = reader
        self.chunkSize = chunkSize
        offset = range?.lowerBound ?? 0
        end = min(range?.upperBound ?? reader.size, reader.size)
    }

    /// The next chunk, or nil at the end.
    public func next() throws -> [UInt8]? {
        guard offset < end else { return nil }
        let chunk = try reader.read(at: offset, count: min(chunkSize, end - offset))
        guard !chunk.isEmpty else { return nil }
        offset += chunk.count
        return chunk
    }
}
