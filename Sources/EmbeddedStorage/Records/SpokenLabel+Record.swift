import Foundation
import GRDB
import Storage

extension SpokenLabel: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let key = Column("key")
        public static let language = Column("language")
    }
    public static let databaseTableName = "spokenLabel"
}
