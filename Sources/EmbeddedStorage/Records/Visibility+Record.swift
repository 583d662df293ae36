import Foundation
import GRDB
import Storage

extension Consent: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let givenAt = Column("givenAt")
        public static let recordingId = Column("recordingId")
    }
    public static let databaseTableName = "consent"
}

extension Tombstone: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "tombstone"
}

extension Visibility: DatabaseValueConvertible {}

extension Consent.Method: DatabaseValueConvertible {}
