import Foundation
import Hummingbird
import Services
import Storage

/// Pairing a group with another server from the trainer screens (``SyncService``): the centre's
/// trainer starts it on the group and reads out the code; the camp server's admin enters it.
struct GroupSyncController: Sendable {
    let groups: GroupService
    let sync: SyncService

    init(stores: Stores) {
        groups = GroupService(stores: stores)
        sync = SyncService(stores: stores)
    }

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/groups/{id}/sync", use: state)
        router.post("/api/groups/{id}/sync", use: startPairing)
        router.post("/api/sync-pairings", use: joinPairing)
    }

    struct Joining: Decodable {
        let groupId: String
        let code: String
    }

    @Sendable func state(request: Request, context: ParlonsRequestContext) async throws -> GroupSyncResponse {
        let group = try await groups.managedGroup(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
        return GroupSyncResponse(groupId: group.id, state: try await sync.state(of: group))
    }

    /// `201` with the code, shown this once: the other server's admin enters it.
    @Sendable func startPairing(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let group = try await groups.managedGroup(id: context.parameters.get("id") ?? "", actor: try context.requirePerson())
        let code = try await sync.startPairing(groupId: group.id)
        return try created201(PairingCodeResponse(groupId: group.id, code: code.text), location: "/api/groups/\(group.id)/sync",
                              request: request, context: context)
    }

    @Sendable func joinPairing(request: Request, context: ParlonsRequestContext) async throws -> Response {
        let actor = try context.requirePerson()
        let body = try await request.decodeJSON(Joining.self, context: context)
        try await sync.joinPairing(groupId: body.groupId.trimmingCharacters(in: .whitespacesAndNewlines), code: body.code, actor: actor)
        return Response(status: .noContent)
    }
}

struct PairingCodeResponse: ResponseEncodable {
    let groupId: String
    /// Shown once; never stored (both sides keep only the key made from it).
    let code: String
}

struct GroupSyncResponse: ResponseEncodable {
    let groupId: String
    /// False when this server's database cannot sync (no change log).
    let available: Bool
    let paired: Bool
    let pairedAt: String?
    let lastExchangeAt: String?
    let waiting: Int?
    let unconfirmed: Bool?

    init(groupId: String, state: GroupSyncState) {
        self.groupId = groupId
        available = state.available
        paired = state.pair != nil
        pairedAt = state.pair.map { ISO8601.string($0.pairedAt) }
        lastExchangeAt = state.status?.lastExchangeAt.map(ISO8601.string)
        waiting = state.status?.waiting
        unconfirmed = state.status?.unconfirmed
    }
}
