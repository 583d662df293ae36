/// A storage failure: what kind, a message for people, and the underlying cause.
public struct StorageError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The disk or quota is full (ENOSPC, EDQUOT).
        case noSpace
        /// The media root or database cannot be written (EROFS, EACCES).
        case notWritable
        /// The database stayed locked by another process for longer than the busy timeout.
        case locked
        /// Any other I/O failure.
        case io
        /// A row or file that should exist does not.
        case notFound
        /// The change clashes with what is stored (a name already taken, rows still referring to it).
        case conflict
    }

    public let code: Code
    public let message: String
    public let errno: Int32?

    public init(code: Code, message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// Classifies a failed system call by its `errno`.
    public static func system(_ operation: String, path: String, errno: Int32) -> StorageError {
        let code: Code
        switch errno {
        case ENOSPC, EDQUOT: code = .noSpace
        case EROFS, EACCES, EPERM: code = .notWritable
        case ENOENT: code = .notFound
        default: code = .io
        }
        return StorageError(code: code, message: "\(operation) \(path): \(String(cString: strerror(errno)))", errno: errno)
    }

    public var description: String { message }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
