import Foundation
import GRDB
import Storage

extension LearningGroup: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "learningGroup"
}

extension MentoringPair: FetchableRecord, PersistableRecord, MillisecondDates {
    public static let databaseTableName = "mentoringPair"
}

extension Membership: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "membership"
}

extension Network: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "network"
}

extension NetworkMember: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "networkMember"
}
