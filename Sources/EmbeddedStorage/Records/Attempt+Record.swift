import Foundation
import GRDB
import Storage

extension Attempt: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let createdAt = Column("createdAt")
        public static let id = Column("id")
        public static let personId = Column("personId")
    }
    public static let databaseTableName = "attempt"
}
