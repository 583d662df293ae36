import Foundation
import Hummingbird
import Services

/// A kiosk's paired groups and where their sync stands (``SyncStatus``).
struct KioskExchangeResponse: ResponseEncodable {
    struct Group: Encodable {
        let groupId: String
        /// When a bundle was last written or applied; nil before the first exchange.
        let lastExchangeAt: String?
        /// Items the next exchange would carry.
        let waiting: Int
        /// Items sent that the other side has not yet confirmed.
        let unconfirmed: Bool

        init(_ status: SyncStatus) {
            groupId = status.groupId
            lastExchangeAt = status.lastExchangeAt.map(ISO8601.string)
            waiting = status.waiting
            unconfirmed = status.unconfirmed
        }
    }

    let groups: [Group]
}
