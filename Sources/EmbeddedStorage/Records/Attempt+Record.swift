import Foundation
import GRDB
import Storage

extension Attempt: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "attempt"
}
