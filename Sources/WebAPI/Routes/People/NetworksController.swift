import Foundation
import Hummingbird
import Storage

/// `/api/networks`: partnerships between centres. Admins make them and join groups to them.
struct NetworksController: Sendable {
    let stores: Stores

    func addRoutes(to router: Router<ParlonsRequestContext>) {
        router.get("/api/networks", use: list)
        router.post("/api/networks", use: create)
        router.delete("/api/networks/{id}", use: delete)
        router.post("/api/networks/{id}/groups", use: join)
        router.delete("/api/networks/{id}/groups/{groupId}", use: leave)
    }

    struct NewNetwork: Decodable { let name: String }
    struct Joining: Decodable { let groupId: String }

    @Sendable func list(request: Request, context: ParlonsRequestContext) async throws -> [NetworkResponse] {
        _ = try context.requireRole(.trainer, .admin)
        return try await stores.people.networks().map { NetworkResponse(id: $0.network.id, name: $0.network.name, groupIds: $0.groupIds) }
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let body = try await request.decodeJSON(NewNetwork.self, context: context)
        let network = try await stores.people.insert(Network(name: try GroupsController.name(body.name)))
        return try created201(NetworkResponse(id: network.id, name: network.name, groupIds: []),
                              location: "/api/networks/\(network.id)", request: request, context: context)
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        guard try await stores.people.deleteNetwork(id: context.parameters.get("id") ?? "") else { throw APIError.notFound("network") }
        return Response(status: .noContent)
    }

    @Sendable func join(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let id = context.parameters.get("id") ?? ""
        guard try await stores.people.network(id: id) != nil else { throw APIError.notFound("network") }
        let body = try await request.decodeJSON(Joining.self, context: context)
        guard ResourceID.isValid(body.groupId), try await stores.people.group(id: body.groupId) != nil else {
            throw APIError.invalidField("groupId", "no group \(body.groupId.prefix(40))")
        }
        try await stores.people.join(networkId: id, groupId: body.groupId)
        return Response(status: .noContent)
    }

    @Sendable func leave(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        guard try await stores.people.leave(networkId: context.parameters.get("id") ?? "", groupId: context.parameters.get("groupId") ?? "") else {
            throw APIError.notFound("network membership")
        }
        return Response(status: .noContent)
    }
}

struct NetworkResponse: ResponseEncodable {
    let id: String
    let name: String
    let groupIds: [String]
}
