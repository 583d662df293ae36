/// Which photo (by content hash, in a ``BlobStore``) a person or group shows.
///
/// Concurrency promise: ``setPhoto(_:for:publish:unreferenced:)`` publishes the file and points
/// at it in one serialised write; a photo nobody uses any more is removed only once that is committed.
public protocol PhotoStore: Sendable {
    /// Sets (or with nil clears) the photo; false when the person or group does not exist.
    func setPhoto(_ picture: Picture?, for owner: PhotoOwner, publish: @escaping @Sendable () throws -> Void,
                  unreferenced: @escaping @Sendable (String) throws -> Void) async throws -> Bool
    func picture(sha256: String) async throws -> Picture?
    /// Every photo hash rows refer to (for start-up recovery).
    func referencedPictureHashes() async throws -> Set<String>
}

/// Who a photo is for.
public enum PhotoOwner: Sendable, Equatable {
    case person(String)
    case group(String)
}
