import Foundation
import GRDB
import Storage

extension Person: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "person"
}

extension Role: DatabaseValueConvertible {}
