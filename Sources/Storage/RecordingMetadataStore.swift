import Foundation

/// Where recording metadata lives. SQLite today; a PostgreSQL store for networks of centres can
/// implement the same protocol.
public protocol RecordingMetadataStore: Sendable {
    /// Inserts the row. `publish` runs first, inside the same serialised write, so that publishing
    /// a blob and deleting its last twin can never interleave; if it throws, nothing is inserted.
    /// When the insert fails after `publish` (the commit fails on a full disk), `unreferenced` takes
    /// back the published files no row names.
    func insert(_ recording: Recording, publishing publish: @escaping @Sendable () throws -> Void,
                unpublishing unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording
    func recording(id: String) async throws -> Recording?
    /// Newest first, `limit` rows older than the row with `seq` = `before` when given.
    func recordings(limit: Int, before: Int64?) async throws -> [Recording]
    /// Updates what is given of title, language, group and picture; returns the new row, or nil
    /// when there is no such recording.
    func update(id: String, title: String?, language: String?, groupId: String?, picture: String?) async throws -> Recording?
    /// Deletes the row; once that is committed, `unreferenced` runs for each of its files (audio,
    /// peaks) no other row shares. Returns the deleted row, or nil when there was none.
    func delete(id: String, unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Recording?
    /// Recordings the viewer may hear, newest first (see `Visibility`), only those of `purpose`
    /// when given; spoken names are never listed.
    func recordings(visibleTo viewer: Viewer, limit: Int, before: Int64?, purpose: RecordingPurpose?) async throws -> [Recording]
    /// The recording if it exists and the viewer may hear it.
    func recording(id: String, visibleTo viewer: Viewer) async throws -> Recording?
    func setVisibility(id: String, visibility: Visibility, sharedWithMentor: Bool) async throws -> Recording?
    func insert(_ consent: Consent) async throws
    func consents(recordingId: String) async throws -> [Consent]
    func widestConsent(recordingId: String, ownerId: String) async throws -> Visibility?
    /// Deletes the row and its consents, leaves a tombstone; once that is committed, `unreferenced`
    /// runs for each of its files no other row shares.
    func withdraw(id: String, by personId: String?, now: Date,
                  unreferenced: @escaping @Sendable (RecordingBlob) throws -> Void) async throws -> Tombstone?
    func tombstone(recordingId: String) async throws -> Tombstone?
    /// Every content hash rows refer to (for start-up recovery).
    func referencedHashes() async throws -> Set<String>
    func count() async throws -> Int
}

/// A file a recording row refers to, by content hash.
public enum RecordingBlob: Sendable, Equatable {
    case audio(String)
    case peaks(String)
}
