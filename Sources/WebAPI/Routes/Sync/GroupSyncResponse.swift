import Hummingbird
import Services

/// `GET /api/groups/{id}/sync`: whether the group is paired, when it last exchanged and what waits to go.
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
