import Foundation
import Storage

/// A blob file open for reading with `pread`, which keeps no position: ranges can be read from
/// several threads in turn. Closed when the reader goes.
final class FileBlobReader: BlobReader {
    private let descriptor: Int32
    let size: Int

    /// Nil when the file does not exist.
    init?(path: String) throws {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw StorageError.system("open", path: path, errno: errno)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = errno
            close(descriptor)
            throw StorageError.system("fstat", path: path, errno: error)
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        let wanted = max(0, min(count, size - offset))
        guard wanted > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw StorageError.system("pread", path: "blob", errno: errno)
            }
            if got == 0 { break }
            filled += got
        }
        return filled == wanted ? bytes : Array(bytes[..<filled])
    }

    deinit {
        close(descriptor)
    }
}
