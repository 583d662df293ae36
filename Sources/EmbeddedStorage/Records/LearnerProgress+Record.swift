import Foundation
import GRDB
import Storage

extension LearnerProgress: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "progress"
}
