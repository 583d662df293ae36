import Foundation
import GRDB
import Storage

extension Recording: FetchableRecord, MutablePersistableRecord, MillisecondDates {
    public enum Columns {
        public static let id = Column("id")
        public static let peaksSha256 = Column("peaksSha256")
        public static let seq = Column("seq")
        public static let sha256 = Column("sha256")
    }
    public static let databaseTableName = "recording"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        seq = inserted.rowID
    }
}

extension Recording {
    /// The recording with this public id. (Its primary key is `seq`, the insertion order: GRDB's
    /// own `filter(id:)` would compare that.)
    static func filter(publicId id: String) -> QueryInterfaceRequest<Recording> { filter(Columns.id == id) }
}

extension RecordingPurpose: DatabaseValueConvertible {}
