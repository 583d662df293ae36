import Foundation
import GRDB
import Storage

extension ScenarioSeedConflict: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let slug = Column("slug")
    }
    public static let databaseTableName = "scenarioSeedConflict"
}
