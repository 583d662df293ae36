import Foundation
import GRDB
import Storage

extension ShippedMedia: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "shippedMedia"
}
