import Storage

/// One object, read by ranged GETs: each `read` is one request, so a stream of chunks (a
/// `BlobCursor`) never holds more than a chunk, and a seek costs nothing. Its size is the HEAD's.
final class S3BlobReader: BlobReader {
    let client: S3Client
    let key: String
    let size: Int

    init(client: S3Client, key: String, size: Int) {
        self.client = client
        self.key = key
        self.size = size
    }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        let end = min(size, offset + max(count, 0))
        guard offset >= 0, offset < end else { return [] }
        return try client.get(key, range: offset..<end)
    }
}
