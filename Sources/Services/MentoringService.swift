import Foundation
import Storage

/// Mentoring pairs (parrainage): a mentor and a newcomer linked for a period; while it is active
/// the mentor follows the newcomer's progress and hears what they share with the pair.
public struct MentoringService: Sendable {
    let stores: Stores
    var authority: Authority { Authority(stores: stores) }

    public init(stores: Stores) {
        self.stores = stores
    }

    /// All pairs for an admin; for a trainer those whose newcomer or mentor they train; one's own otherwise.
    public func pairs(visibleTo viewer: Viewer) async throws -> [MentoringPair] {
        try await stores.people.mentoringPairs(visibleTo: viewer)
    }

    /// A pair the viewer may see; `notFound` otherwise.
    public func pair(id: String, visibleTo viewer: Viewer) async throws -> MentoringPair {
        guard let pair = try await pairs(visibleTo: viewer).first(where: { $0.id == id }) else {
            throw ServiceError.notFound("mentoring pair \(id.prefix(40))")
        }
        return pair
    }

    /// A pair the actor may change: the newcomer's trainers and admins.
    public func managedPair(id: String, actor: Person) async throws -> MentoringPair {
        let pair = try await pair(id: id, visibleTo: Viewer(personId: actor.id, role: actor.role))
        try await authority.requireManagePair(newcomerId: pair.newcomerId, actor: actor)
        return pair
    }

    /// Pairs two people from `startsAt` (default: now) until `endsAt` (ISO 8601 date-times; open-ended
    /// when nil).
    public func create(mentorId: String, newcomerId: String, startsAt: String?, endsAt: String?, actor: Person) async throws -> MentoringPair {
        for (field, id) in [("mentorId", mentorId), ("newcomerId", newcomerId)] {
            guard ResourceID.isValid(id), try await stores.people.person(id: id) != nil else {
                throw ServiceError.invalidField(field, "no person \(id.prefix(40))")
            }
        }
        guard mentorId != newcomerId else { throw ServiceError.invalidField("mentorId", "a person cannot mentor themselves") }
        try await authority.requireManagePair(newcomerId: newcomerId, actor: actor)
        let starts = try startsAt.map { try Self.date($0, field: "startsAt") } ?? Date()
        let ends = try endsAt.map { try Self.date($0, field: "endsAt") }
        if let ends, ends <= starts { throw ServiceError.invalidField("endsAt", "must come after startsAt") }
        return try await stores.people.insert(MentoringPair(mentorId: mentorId, newcomerId: newcomerId, startsAt: starts, endsAt: ends))
    }

    /// Sets when a pair from ``managedPair(id:actor:)`` ends (nil: open-ended).
    public func setEnd(_ endsAt: String?, of pair: MentoringPair) async throws -> MentoringPair {
        var pair = pair
        pair.endsAt = try endsAt.map { try Self.date($0, field: "endsAt") }
        if let ends = pair.endsAt, ends <= pair.startsAt { throw ServiceError.invalidField("endsAt", "must come after startsAt") }
        try await stores.people.save(pair)
        return pair
    }

    /// Ends a pair from ``managedPair(id:actor:)`` for good.
    public func delete(_ pair: MentoringPair) async throws {
        _ = try await stores.people.deleteMentoringPair(id: pair.id)
    }

    /// An ISO 8601 date-time; `invalidField` otherwise.
    public static func date(_ text: String, field: String) throws -> Date {
        guard let date = ISO8601.date(text) else { throw ServiceError.invalidField(field, "an ISO 8601 date-time such as 2026-12-01T09:00:00Z") }
        return date
    }
}
