import Foundation
import Storage

/// A live token's id, when it was last used, and its person.
struct PostgresTokenHolder: Sendable {
    let tokenId: String
    let lastUsedAt: Date?
    let person: Person
}
