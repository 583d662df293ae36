import Foundation
import Storage

/// Networks: partnerships between centres, whose groups hear what is shared with the network.
/// Only admins make them and join groups to them; trainers may list them.
public struct NetworkService: Sendable {
    let stores: Stores

    public init(stores: Stores) {
        self.stores = stores
    }

    /// Every network with its groups.
    public func networks() async throws -> [(network: Network, groupIds: [String])] {
        try await stores.people.networks()
    }

    /// A new network with no group yet.
    public func create(name: String) async throws -> Network {
        try await stores.people.insert(Network(name: try FieldValidation.name(name)))
    }

    /// `notFound` when there is no such network.
    public func delete(id: String) async throws {
        guard try await stores.people.deleteNetwork(id: id) else { throw ServiceError.notFound("network") }
    }

    /// Joins a group to a network; `notFound` for the network, `invalidField` (`groupId`) for the group.
    public func join(networkId: String, groupId: String) async throws {
        try await requireNetwork(networkId)
        guard ResourceID.isValid(groupId), try await stores.people.group(id: groupId) != nil else {
            throw ServiceError.invalidField("groupId", "no group \(groupId.prefix(40))")
        }
        try await stores.people.join(networkId: networkId, groupId: groupId)
    }

    /// `notFound` unless the network exists.
    public func requireNetwork(_ id: String) async throws {
        guard try await stores.people.network(id: id) != nil else { throw ServiceError.notFound("network") }
    }

    /// `notFound` when the group was not in the network.
    public func leave(networkId: String, groupId: String) async throws {
        guard try await stores.people.leave(networkId: networkId, groupId: groupId) else {
            throw ServiceError.notFound("network membership")
        }
    }
}
