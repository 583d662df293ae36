import Foundation
import GRDB
import Storage

extension LearningGroup: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let name = Column("name")
        public static let openSignIn = Column("openSignIn")
    }
    public static let databaseTableName = "learningGroup"
}

extension MentoringPair: FetchableRecord, PersistableRecord, MillisecondDates {
    public enum Columns {
        public static let startsAt = Column("startsAt")
    }
    public static let databaseTableName = "mentoringPair"
}

extension Membership: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let groupId = Column("groupId")
        public static let personId = Column("personId")
    }
    public static let databaseTableName = "membership"
}

extension Network: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let name = Column("name")
    }
    public static let databaseTableName = "network"
}

extension NetworkMember: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let groupId = Column("groupId")
        public static let networkId = Column("networkId")
    }
    public static let databaseTableName = "networkMember"
}
