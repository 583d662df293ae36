import Foundation
import Storage

extension SyncService {
    /// The group's pairing and status, for one who manages the group (``GroupService/managedGroup(id:actor:)``).
    public func state(of group: LearningGroup) async throws -> GroupSyncState {
        guard stores.sync != nil else { return GroupSyncState(available: false) }
        do {
            let pair = try await pair(groupId: group.id)
            return GroupSyncState(available: true, pair: pair, status: try await status(groupId: group.id))
        } catch SyncError.notPaired {
            return GroupSyncState(available: true)
        }
    }

    /// Joins a pairing another server started, by its code. Only an admin: the group may not be
    /// here yet (it arrives with the first exchange), so no trainer of it exists on this server.
    public func joinPairing(groupId: String, code: String, actor: Person, now: Date = Date()) async throws {
        guard actor.role == .admin else { throw AccessDenied("only an admin may pair this server with another's group") }
        try await joinPairing(groupId: groupId, code: code, now: now)
    }
}
