import Foundation
import Storage

extension Consent {
    init(row: RowReader) throws {
        self.init(id: try row["id"], recordingId: try row["recordingId"], personId: try row["personId"],
                  visibility: try row.raw("visibility", Visibility.self), method: try row.raw("method", Method.self),
                  consentRecordingId: try row["consentRecordingId"], givenAt: try row.date("givenAt"))
    }
}

extension Tombstone {
    init(row: RowReader) throws {
        self.init(recordingId: try row["recordingId"], ownerId: try row["ownerId"], withdrawnAt: try row.date("withdrawnAt"),
                  withdrawnBy: try row["withdrawnBy"])
    }
}
