import Storage
import Synchronization

/// One object, read by ranged GETs. A stream reads in small chunks (64 KiB for audio), so each GET
/// asks for at least `readAhead` bytes and the reader keeps the last window: a recording of a few
/// minutes is one request, a long one a request per window, and a seek elsewhere costs one GET.
/// Its size is the HEAD's.
final class S3BlobReader: BlobReader {
    /// The least a GET asks for.
    static let readAhead = 1_024 * 1_024

    let client: S3Client
    let key: String
    let size: Int
    /// The bytes last fetched and where they start.
    private let window = Mutex<(start: Int, bytes: [UInt8])>((0, []))

    init(client: S3Client, key: String, size: Int) {
        self.client = client
        self.key = key
        self.size = size
    }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        let end = min(size, offset + max(count, 0))
        guard offset >= 0, offset < end else { return [] }
        let held = window.withLock { window -> [UInt8]? in
            guard offset >= window.start, end <= window.start + window.bytes.count else { return nil }
            return Array(window.bytes[(offset - window.start)..<(end - window.start)])
        }
        if let held { return held }
        let fetched = try client.get(key, range: offset..<min(size, max(end, offset + Self.readAhead)))
        // Fewer bytes than the HEAD promised: the object changed or shrank; give what there is.
        window.withLock { $0 = (offset, fetched) }
        return Array(fetched.prefix(end - offset))
    }
}
