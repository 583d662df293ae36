import Foundation
import GRDB
import Storage

extension Picture: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "picture"
}
