import Foundation
import GRDB
import Storage

extension ScenarioStepDone: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "scenarioStepDone"
}
