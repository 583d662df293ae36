import Foundation
import GRDB
import Storage

extension Consent: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "consent"
}

extension Tombstone: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "tombstone"
}

extension Visibility: DatabaseValueConvertible {}

extension Consent.Method: DatabaseValueConvertible {}
