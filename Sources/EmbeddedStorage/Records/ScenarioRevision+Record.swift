import Foundation
import GRDB
import Storage

extension ScenarioRevision: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "scenarioRevision"
}
