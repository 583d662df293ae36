import Foundation
import GRDB
import Storage

extension APIToken: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let personId = Column("personId")
        public static let createdAt = Column("createdAt")
        public static let lastUsedAt = Column("lastUsedAt")
        public static let revokedAt = Column("revokedAt")
        public static let tokenHash = Column("tokenHash")
    }
    public static let databaseTableName = "apiToken"
}

extension Kiosk: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let createdAt = Column("createdAt")
        public static let revokedAt = Column("revokedAt")
        public static let tokenHash = Column("tokenHash")
    }
    public static let databaseTableName = "kiosk"
}

extension SignInAttempt: FetchableRecord, MutablePersistableRecord, MillisecondDates {
    public enum Columns {
        public static let id = Column("id")
        public static let personId = Column("personId")
    }
    public static let databaseTableName = "signInAttempt"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension OneTimeLink: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "oneTimeLink"
}

extension KioskGroup: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "kioskGroup"
}

extension SignInAttempt.Method: DatabaseValueConvertible {}
