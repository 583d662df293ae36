import Foundation
import GRDB
import Storage

extension Person: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let displayName = Column("displayName")
        public static let name = Column("name")
    }
    public static let databaseTableName = "person"
}

extension Role: DatabaseValueConvertible {}
