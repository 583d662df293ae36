import Foundation
import GRDB
import Storage

/// Wrong picture codes in a row for one learner from one place (`kiosk:ID` or `address:IP`).
struct CodeGuard: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, MillisecondDates {
    static let databaseTableName = "codeGuard"

    enum Columns {
        static let personId = Column(CodingKeys.personId)
        static let source = Column(CodingKeys.source)
    }

    var personId: String
    var source: String
    var failures: Int
    var lockedUntil: Date?
}
