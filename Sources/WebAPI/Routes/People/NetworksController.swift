import Foundation
import Hummingbird
import Services
import Storage

/// `/api/networks`: partnerships between centres. Admins make them and join groups to them
/// (``NetworkService``).
struct NetworksController: Sendable {
    let service: NetworkService

    init(stores: Stores) {
        service = NetworkService(stores: stores)
    }

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
        return try await service.networks().map { NetworkResponse(id: $0.network.id, name: $0.network.name, groupIds: $0.groupIds) }
    }

    @Sendable func create(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let body = try await request.decodeJSON(NewNetwork.self, context: context)
        let network = try await service.create(name: body.name)
        return try created201(NetworkResponse(id: network.id, name: network.name, groupIds: []),
                              location: "/api/networks/\(network.id)", request: request, context: context)
    }

    @Sendable func delete(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        try await service.delete(id: context.parameters.get("id") ?? "")
        return Response(status: .noContent)
    }

    @Sendable func join(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        let id = context.parameters.get("id") ?? ""
        try await service.requireNetwork(id)
        let body = try await request.decodeJSON(Joining.self, context: context)
        try await service.join(networkId: id, groupId: body.groupId)
        return Response(status: .noContent)
    }

    @Sendable func leave(request: Request, context: ParlonsRequestContext) async throws -> Response {
        _ = try context.requireRole(.admin)
        try await service.leave(networkId: context.parameters.get("id") ?? "", groupId: context.parameters.get("groupId") ?? "")
        return Response(status: .noContent)
    }
}

struct NetworkResponse: ResponseEncodable {
    let id: String
    let name: String
    let groupIds: [String]
}
