import Foundation

/// A client-made `Idempotency-Key` on an upload, scoped to the uploader: the same key from the
/// same person always means the same recording.
public struct UploadKey: Sendable, Hashable {
    public let ownerId: String
    public let key: String

    public init(ownerId: String, key: String) {
        self.ownerId = ownerId
        self.key = key
    }
}
