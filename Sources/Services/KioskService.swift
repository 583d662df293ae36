import Foundation
import Storage

/// Shared screens: a trainer enrols the browser they are using for some of their groups; it then
/// lists only those groups' learners on the picture sign-in screen, and its learners' sessions end
/// after `idleSeconds` of nothing.
public struct KioskService: Sendable {
    let stores: Stores
    var authority: Authority { Authority(stores: stores) }

    /// A kiosk learner's session ends after this many idle seconds unless the trainer says otherwise.
    public static let defaultIdleSeconds = 300
    /// The idle times a trainer may choose, in seconds.
    public static let idleRange = 5...86_400

    public init(stores: Stores) {
        self.stores = stores
    }

    /// Enrols a kiosk for `groupIds`; returns it with its secret token, which is shown once (the
    /// browser keeps it as its device cookie).
    public func enrol(name: String, groupIds: [String], idleSeconds: Int?, actor: Person) async throws -> (kiosk: Kiosk, token: String) {
        let name = try FieldValidation.name(name)
        let idle = idleSeconds ?? Self.defaultIdleSeconds
        guard Self.idleRange.contains(idle) else {
            throw ServiceError.invalidField("idleSeconds", "must be from \(Self.idleRange.lowerBound) to \(Self.idleRange.upperBound)")
        }
        guard !groupIds.isEmpty else { throw ServiceError.invalidField("groupIds", "name at least one group") }
        for id in groupIds {
            guard ResourceID.isValid(id), try await stores.people.group(id: id) != nil else {
                throw ServiceError.invalidField("groupIds", "no group \(id.prefix(40))")
            }
        }
        try await authority.requireEnrolKiosk(groupIds: groupIds, actor: actor)
        let token = Secret.generate(prefix: "plk_")
        let kiosk = Kiosk(name: name, tokenHash: Secret.hash(token), enrolledBy: actor.id, idleSeconds: idle)
        try await stores.credentials.insert(kiosk, groupIds: Array(Set(groupIds)))
        return (kiosk, token)
    }

    /// Admins see every kiosk; a trainer those they enrolled or that serve one of their groups.
    public func kiosks(visibleTo person: Person) async throws -> [(kiosk: Kiosk, groupIds: [String])] {
        let mine = person.role == .admin ? [] : Set(try await stores.people.groupIds(of: person.id))
        var result: [(kiosk: Kiosk, groupIds: [String])] = []
        for kiosk in try await stores.credentials.kiosks() {
            let groupIds = try await stores.credentials.kioskGroupIds(kiosk.id)
            guard person.role == .admin || kiosk.enrolledBy == person.id || !mine.isDisjoint(with: groupIds) else { continue }
            result.append((kiosk, groupIds))
        }
        return result
    }

    /// Revokes a kiosk (admins, who enrolled it, trainers of one of its groups); `notFound` when unknown.
    public func revoke(id: String, actor: Person) async throws {
        guard ResourceID.isValid(id), let kiosk = try await stores.credentials.kiosk(id: id) else {
            throw ServiceError.notFound("kiosk \(id.prefix(40))")
        }
        try await authority.requireRevokeKiosk(kiosk, actor: actor)
        try await stores.credentials.revokeKiosk(id: id)
    }

    /// The groups a kiosk serves.
    public func groupIds(of kiosk: Kiosk) async throws -> [String] {
        try await stores.credentials.kioskGroupIds(kiosk.id)
    }
}
