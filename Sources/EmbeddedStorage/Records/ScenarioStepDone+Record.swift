import Foundation
import GRDB
import Storage

extension ScenarioStepDone: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let personId = Column("personId")
        public static let slug = Column("slug")
    }
    public static let databaseTableName = "scenarioStepDone"
}
