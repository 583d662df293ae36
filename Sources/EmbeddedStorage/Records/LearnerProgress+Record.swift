import Foundation
import GRDB
import Storage

extension LearnerProgress: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let personId = Column("personId")
        public static let updatedAt = Column("updatedAt")
    }
    public static let databaseTableName = "progress"
}
