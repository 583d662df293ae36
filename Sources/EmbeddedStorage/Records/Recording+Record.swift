import Foundation
import GRDB
import Storage

extension Recording: FetchableRecord, MutablePersistableRecord, MillisecondDates {
    public static let databaseTableName = "recording"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        seq = inserted.rowID
    }
}
