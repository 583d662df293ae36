import Foundation
import GRDB
import Storage

extension SpokenLabel: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "spokenLabel"
}
