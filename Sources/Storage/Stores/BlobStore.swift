import Foundation

/// Where the audio bytes live. The file implementation keeps Ogg Opus files under the media root;
/// an S3-compatible store can implement the same protocol later.
public protocol BlobStore: Sendable {
    /// Starts a new blob, written as it streams in; nothing is visible until `publish`.
    func beginWrite() throws -> IncomingBlob
    /// Makes a finished blob visible under its content hash. Idempotent for identical content.
    func publish(_ blob: FinishedBlob) throws
    /// Deletes a finished blob that will not be published after all.
    func discard(_ blob: FinishedBlob)
    /// Removes the blob with this hash, if it exists.
    func remove(sha256: String) throws
    /// The local path of the blob with this hash, for serving.
    func path(sha256: String) -> String
    /// A folder for temporary copies of uploads (on the same file system, emptied at start-up).
    var scratchDirectory: URL { get }
    /// Removes what a crash left behind: unfinished writes, and blobs no row refers to.
    func recover(keeping referenced: Set<String>) throws -> RecoveryReport
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
