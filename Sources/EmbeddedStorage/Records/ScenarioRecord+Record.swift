import Foundation
import GRDB
import Storage

extension ScenarioRecord: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "scenario"
}
