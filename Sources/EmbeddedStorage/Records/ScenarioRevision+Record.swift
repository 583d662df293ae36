import Foundation
import GRDB
import Storage

extension ScenarioRevision: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let number = Column("number")
        public static let slug = Column("slug")
    }
    public static let databaseTableName = "scenarioRevision"
}
