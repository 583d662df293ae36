import Foundation

/// Recordings, their consents and tombstones: the rows; their files live in a ``BlobStore``.
///
/// Concurrency promise: ``insert(_:uploadKey:publishing:unpublishing:)`` runs `publish` and the
/// insert as one serialised write, so publishing a file and deleting its last twin can never
/// interleave; ``withdraw(id:by:now:unreferenced:)`` and ``delete(id:unreferenced:)`` remove a
/// file only once the row's deletion is committed, and only when no other row shares it.
public protocol RecordingStore: Sendable {
    /// Inserts the row (and the upload's key, when given). `publish` runs first, inside the same
    /// serialised write; if it throws, nothing is inserted. When the insert fails after `publish`
    /// (the commit fails on a full disk), `unreferenced` takes back the published files no row names.
    func insert(_ recording: Recording, uploadKey: UploadKey?, publishing publish: @escaping @Sendable () throws -> Void,
                unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording
    func recording(id: String) async throws -> Recording?
    /// Newest first, `limit` rows older than the row with `seq` = `before` when given.
    func recordings(limit: Int, before: Int64?) async throws -> [Recording]
    /// Updates what is given of title, language and picture; returns the new row, or nil when
    /// there is no such recording.
    func update(id: String, title: String?, language: String?, picture: String?) async throws -> Recording?
    /// Moves the recording to another group (nil: none); returns the new row, or nil when there is none.
    func setGroup(id: String, groupId: String?) async throws -> Recording?
    /// Deletes the row; once that is committed, `unreferenced` runs for each of its files (audio,
    /// peaks) no other row shares. Returns the deleted row, or nil when there was none.
    func delete(id: String, unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording?
    /// Recordings the viewer may hear, newest first (see `Visibility`), only those of `purpose`
    /// when given; the audio of scenarios and spoken labels, and spoken names, are never listed.
    func recordings(visibleTo viewer: Viewer, limit: Int, before: Int64?, purpose: RecordingPurpose?) async throws -> [Recording]
    /// The recording if it exists and the viewer may hear it.
    func recording(id: String, visibleTo viewer: Viewer) async throws -> Recording?
    func setVisibility(id: String, visibility: Visibility, sharedWithMentor: Bool) async throws -> Recording?
    func insert(_ consent: Consent) async throws
    func consents(recordingId: String) async throws -> [Consent]
    /// The widest visibility the owner consented to, nil when none.
    func widestConsent(recordingId: String, ownerId: String) async throws -> Visibility?
    /// Deletes the row and its consents, leaves a tombstone; once that is committed, `unreferenced`
    /// runs for each of its files no other row shares.
    func withdraw(id: String, by personId: String?, now: Date,
                  unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Tombstone?
    func tombstone(recordingId: String) async throws -> Tombstone?
    /// The recording an upload key was first stored as.
    func recordingId(for uploadKey: UploadKey) async throws -> String?
    /// Claims `uploadKey` for `claimant` (one try at storing its upload, on any node) until
    /// `expiresAt`: true when `claimant` holds it now — no one did, it held it already (a renewal),
    /// or the last holder's lease ran out by `now` (its node died) — false while another's runs.
    func claimUploadKey(_ uploadKey: UploadKey, claimant: String, now: Date, expiresAt: Date) async throws -> Bool
    /// Ends `claimant`'s claim on `uploadKey`; nothing when another holds it now.
    func releaseUploadKey(_ uploadKey: UploadKey, claimant: String) async throws
    /// True when a recording that is not shipped scenario audio has exactly these bytes.
    func isStoredRecording(sha256: String) async throws -> Bool
    /// Every audio content hash rows refer to (for start-up recovery).
    func referencedHashes() async throws -> Set<String>
    /// Every peaks content hash rows refer to.
    func referencedPeaksHashes() async throws -> Set<String>
    func count() async throws -> Int
}

extension RecordingStore {
    public func insert(_ recording: Recording, publishing publish: @escaping @Sendable () throws -> Void,
                       unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording {
        try await insert(recording, uploadKey: nil, publishing: publish, unpublishing: unreferenced)
    }
}

/// A file a recording row refers to, by content hash.
public enum RecordingBlob: Sendable, Equatable {
    case audio(String)
    case peaks(String)
    /// A photo of a person or group (only sync releases one through this).
    case picture(String)
}
