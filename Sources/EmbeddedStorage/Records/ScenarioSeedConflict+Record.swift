import Foundation
import GRDB
import Storage

extension ScenarioSeedConflict: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "scenarioSeedConflict"
}
