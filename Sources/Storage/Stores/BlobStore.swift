import Foundation

/// Where the bytes of recordings, peaks and photos live, by content hash. The file implementation
/// keeps them under the media root; an S3-compatible store can implement the same protocol.
///
/// Promise: a blob is visible (``open(sha256:)``) only once ``publish(_:)`` returned, whole; its
/// bytes never change afterwards.
public protocol BlobStore: Sendable {
    /// Starts a new blob, written as it streams in; nothing is visible until `publish`.
    func beginWrite() throws -> IncomingBlob
    /// Makes a finished blob visible under its content hash. Idempotent for identical content.
    func publish(_ blob: FinishedBlob) throws
    /// Deletes a finished blob that will not be published after all.
    func discard(_ blob: FinishedBlob)
    /// Removes the blob with this hash, if it exists.
    func remove(sha256: String) throws
    /// Opens the blob with this hash for reading; nil when there is none.
    func open(sha256: String) throws -> (any BlobReader)?
    /// A folder for temporary copies of uploads (on the same file system, emptied at start-up).
    var scratchDirectory: URL { get }
    /// Removes what a crash left behind: unfinished writes, and blobs no row refers to.
    func recover(keeping referenced: Set<String>) throws -> RecoveryReport
    /// A URL anyone may fetch the blob from directly for `seconds`, when the store can hand one
    /// out (an object store's presigned GET); nil otherwise, and for the media folder.
    func temporaryURL(sha256: String, seconds: Int) -> String?
}

extension BlobStore {
    public func temporaryURL(sha256: String, seconds: Int) -> String? { nil }
}

/// A blob whose bytes are durably on disk (written and fsynced) but not yet published.
public struct FinishedBlob: Sendable, Equatable {
    public let temporaryPath: String
    public let sha256: String
    public let byteCount: Int
}

/// What start-up recovery removed.
public struct RecoveryReport: Sendable, Equatable {
    public var unfinishedWritesRemoved = 0
    public var orphanBlobsRemoved = 0
    public init() {}
}
