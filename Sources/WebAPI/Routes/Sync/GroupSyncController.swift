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
