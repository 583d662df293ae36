import Foundation

/// A scratch file could not be written or read (full disk, permissions): the server's problem.
public struct ScratchFileError: Error, Equatable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let errno: Int32

    public var description: String { "\(operation) \(path): \(String(cString: strerror(errno)))" }
}
