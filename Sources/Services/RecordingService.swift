import Foundation
import Storage

/// A stored recording's life after its upload: who may hear and manage it, its title and group,
/// its visibility (widened only with its owner's consent), the consents themselves, and its
/// withdrawal for good.
public struct RecordingService: Sendable {
    let library: RecordingLibrary
    var authority: Authority { Authority(stores: library.stores) }

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// What a change may set; nil leaves a field as it is. Each field is checked.
    public struct Changes: Sendable {
        public var title: String?
        public var language: String?
        public var visibility: Visibility?
        public var sharedWithMentor: Bool?
        /// The group `group` and `network` visibility refer to (see ``Authority/requireMove(_:toGroup:actor:)``).
        public var groupId: String?
        /// A picture of the client's set, by key.
        public var picture: String?

        public init(title: String? = nil, language: String? = nil, visibility: Visibility? = nil, sharedWithMentor: Bool? = nil,
                    groupId: String? = nil, picture: String? = nil) {
            self.title = title
            self.language = language
            self.visibility = visibility
            self.sharedWithMentor = sharedWithMentor
            self.groupId = groupId
            self.picture = picture
        }
    }

    // MARK: finding

    /// A page of the recordings the viewer may hear, newest first, before the row `before`.
    public func recordings(visibleTo viewer: Viewer, limit: Int, before: Int64?, purpose: RecordingPurpose?) async throws -> [Recording] {
        try await library.metadata.recordings(visibleTo: viewer, limit: limit, before: before, purpose: purpose)
    }

    /// The recording if the viewer may hear it. Others get `notFound`, so a private recording's
    /// existence never leaks; those who could manage a withdrawn one (`actor`) get `gone`.
    public func recording(id: String, viewer: Viewer, actor: Person?) async throws -> Recording {
        guard ResourceID.isValid(id) else { throw ServiceError.notFound("recording \(id.prefix(40))") }
        if let row = try await library.metadata.recording(id: id, visibleTo: viewer) { return row }
        if let tombstone = try await library.metadata.tombstone(recordingId: id), let actor,
           try await authority.mayKnowWithdrawal(tombstone, actor: actor) {
            throw ServiceError(.gone, "recording \(id) was withdrawn on \(ISO8601.string(tombstone.withdrawnAt))")
        }
        throw ServiceError.notFound("recording \(id)")
    }

    /// A recording the actor may hear and manage (owner, their trainer, admin); `AccessDenied` when
    /// they may only hear it.
    public func managedRecording(id: String, actor: Person) async throws -> Recording {
        let recording = try await recording(id: id, viewer: Viewer(personId: actor.id, role: actor.role), actor: actor)
        try await authority.requireManage(recording: recording, actor: actor)
        return recording
    }

    // MARK: uploads

    /// The group a new recording of `owner`'s belongs to: the one asked for (the owner must be in
    /// it, unless an admin), else the owner's first group.
    public func uploadGroup(_ requested: String?, owner: Person) async throws -> String? {
        let mine = try await library.stores.people.groupIds(of: owner.id)
        guard let requested else { return mine.sorted().first }
        guard ResourceID.isValid(requested), try await library.stores.people.group(id: requested) != nil else {
            throw ServiceError.invalidField("groupId", "no group \(requested.prefix(40))")
        }
        guard owner.role == .admin || mine.contains(requested) else {
            throw ServiceError.invalidField("groupId", "you are not a member of this group")
        }
        return requested
    }

    /// The recording an earlier upload with the same key stored (``UploadKeyClaims/holding(_:_:)``
    /// says which), answered again to a retry; `gone` when it was
    /// withdrawn since.
    public func replayedUpload(_ id: String) async throws -> Recording {
        guard let recording = try await library.metadata.recording(id: id) else {
            throw ServiceError(.gone, "the recording uploaded with this Idempotency-Key (\(id)) was withdrawn")
        }
        return recording
    }

    // MARK: changes

    /// Checks every change before making any (a refused move leaves the visibility as it was too):
    /// moving to another group as ``Authority/requireMove(_:toGroup:actor:)`` allows, widening only
    /// as far as the owner consented. `recording` comes from ``managedRecording(id:actor:)``.
    public func update(_ recording: Recording, with changes: Changes, actor: Person) async throws -> Recording {
        let title = try changes.title.map { try FieldValidation.title($0) }
        let language = try changes.language.map { try FieldValidation.language($0) }
        let picture = try changes.picture.map { try PersonFields.picture($0) }
        let target = changes.visibility ?? recording.visibility
        if let groupId = changes.groupId, groupId != recording.groupId {
            guard ResourceID.isValid(groupId), try await library.stores.people.group(id: groupId) != nil else {
                throw ServiceError.invalidField("groupId", "no group \(groupId.prefix(40))")
            }
            var moved = recording
            moved.visibility = target
            try await authority.requireMove(moved, toGroup: groupId, actor: actor)
        }
        if changes.visibility != nil || changes.sharedWithMentor != nil {
            if target > recording.visibility {
                try await requireConsent(for: target, on: recording)
            }
            _ = try await library.metadata.setVisibility(id: recording.id, visibility: target,
                                                         sharedWithMentor: changes.sharedWithMentor ?? recording.sharedWithMentor)
        }
        if let groupId = changes.groupId, groupId != recording.groupId {
            _ = try await library.metadata.setGroup(id: recording.id, groupId: groupId)
        }
        guard let row = try await library.metadata.update(id: recording.id, title: title, language: language, picture: picture) else {
            throw ServiceError.notFound("recording \(recording.id)")
        }
        return row
    }

    /// Withdraws a recording from ``managedRecording(id:actor:)`` for good (audio, derived data,
    /// consents); a tombstone without content remains.
    public func withdraw(_ recording: Recording, by actor: Person?) async throws {
        guard try await library.withdraw(id: recording.id, by: actor?.id) != nil else {
            throw ServiceError.notFound("recording \(recording.id)")
        }
    }

    /// Widening needs the owner's consent to at least that visibility (`consentRequired`).
    func requireConsent(for target: Visibility, on recording: Recording) async throws {
        guard let owner = recording.ownerId, let consented = try await library.metadata.widestConsent(recordingId: recording.id, ownerId: owner),
              consented >= target else {
            throw ServiceError(.consentRequired, "the owner has not consented to '\(target.rawValue)': they give consent on the consent screen")
        }
    }

    // MARK: consent

    /// Only a recording's owner consents for it.
    public func requireConsenter(_ person: Person, of recording: Recording) throws {
        guard recording.ownerId == person.id else { throw AccessDenied("only the owner can consent for their recording") }
    }

    /// The owner consents to a wider visibility (after hearing the consent screen's explanation, by
    /// a tap or a short spoken consent, `consentRecordingId` being a recording of their own voice),
    /// and the recording takes that visibility. ``requireConsenter(_:of:)`` first.
    public func consent(to visibility: Visibility, method: Consent.Method, consentRecordingId: String?, on recording: Recording,
                        owner: Person) async throws -> (consent: Consent, recording: Recording) {
        guard visibility > .private else { throw ServiceError.invalidField("visibility", "consent is for group, network or public") }
        var spokenId: String?
        if method == .spoken {
            guard let id = consentRecordingId, ResourceID.isValid(id),
                  let spoken = try await library.metadata.recording(id: id, visibleTo: Viewer(personId: owner.id, role: owner.role)),
                  spoken.ownerId == owner.id else {
                throw ServiceError.invalidField("consentRecordingId", "a spoken consent links to a recording of the owner's own voice")
            }
            spokenId = spoken.id
        } else if consentRecordingId != nil {
            throw ServiceError.invalidField("consentRecordingId", "only spoken consent links a recording")
        }
        let consent = Consent(recordingId: recording.id, personId: owner.id, visibility: visibility, method: method, consentRecordingId: spokenId)
        try await library.metadata.insert(consent)
        guard let updated = try await library.metadata.setVisibility(id: recording.id, visibility: visibility,
                                                                     sharedWithMentor: recording.sharedWithMentor) else {
            throw ServiceError.notFound("recording \(recording.id)")
        }
        return (consent, updated)
    }

    /// Who consented to what, when and how (for those who manage the recording).
    public func consents(of recording: Recording) async throws -> [Consent] {
        try await library.metadata.consents(recordingId: recording.id)
    }
}
