import Foundation
import NIOPosix
import Storage

/// Photos of people (avatars) and groups: the pictures learners tap on sign-in screens. Each is a
/// PNG, JPEG or WebP file in the picture store, named by its hash; a replaced photo goes when
/// nothing else uses it.
public struct PhotoService: Sendable {
    let library: RecordingLibrary
    private var stores: Stores { library.stores }
    var authority: Authority { Authority(stores: stores) }

    public init(library: RecordingLibrary) {
        self.library = library
    }

    /// Who may change or remove a person's photo: themselves, or those who manage them.
    public func requireEdit(_ person: Person, actor: Person) async throws {
        try await authority.requireSelfOrManage(person, actor: actor, "change this person's photo")
    }

    /// Checks `bytes` as a photo and makes it the owner's (nil: removes theirs). The file is durable
    /// before the row points at it.
    public func setPhoto(_ bytes: [UInt8]?, for owner: PhotoOwner) async throws {
        let pictures = library.pictures
        var record: Picture?
        var finished: FinishedBlob?
        if let bytes {
            let format = try ImageFormat.recognise(bytes)
            let incoming = try pictures.beginWrite()
            try bytes.withUnsafeBytes { try incoming.write($0) }
            let blob = try incoming.finish()
            finished = blob
            record = Picture(sha256: blob.sha256, contentType: format.rawValue, byteSize: blob.byteCount)
        }
        let blob = finished
        do {
            _ = try await stores.photos.setPhoto(record, for: owner, publish: { if let blob { try pictures.publish(blob) } },
                                                 unreferenced: { try pictures.remove(sha256: $0) })
        } catch {
            if let blob { pictures.discard(blob) }
            throw error
        }
    }

    /// The hash of a person's photo, for anyone who may see them and for the sign-in screens that
    /// list them; `notFound` otherwise.
    public func avatar(personId: String, viewer: Viewer, kioskId: String?) async throws -> String {
        guard ResourceID.isValid(personId), let person = try await stores.people.person(id: personId), let sha = person.avatarPhoto,
              try await authority.mayShowFace(of: person, viewer: viewer, kioskId: kioskId) else {
            throw ServiceError.notFound("photo")
        }
        return sha
    }

    /// The hash of a group's photo, for its members, admins and the sign-in screens that list the
    /// group; `notFound` otherwise.
    public func groupPicture(groupId: String, viewer: Viewer, kioskId: String?) async throws -> String {
        guard ResourceID.isValid(groupId), let group = try await stores.people.group(id: groupId), let sha = group.picturePhoto else {
            throw ServiceError.notFound("picture")
        }
        let visible = try await stores.people.group(id: groupId, visibleTo: viewer) != nil
        let listed = try await stores.credentials.signInGroups(kioskId: kioskId).contains { $0.id == groupId }
        guard visible || listed else { throw ServiceError.notFound("picture") }
        return sha
    }

    /// The stored photo's record; `notFound` when it has gone.
    public func picture(sha256: String) async throws -> Picture {
        guard let picture = try await stores.photos.picture(sha256: sha256) else { throw ServiceError.notFound("photo") }
        return picture
    }

    /// The photo's bytes, read on NIO's thread pool; `notFound` when the file has gone.
    public func bytes(sha256: String) async throws -> [UInt8] {
        let pictures = library.pictures
        guard let bytes = try await NIOThreadPool.singleton.runIfActive({ try pictures.open(sha256: sha256)?.readAll() }) else {
            throw ServiceError.notFound("photo")
        }
        return bytes
    }
}
