import Foundation
import Storage

extension APIToken {
    init(row: RowReader) throws {
        self.init(id: try row["id"], personId: try row["personId"], name: try row["name"], tokenHash: try row["tokenHash"],
                  createdAt: try row.date("createdAt"))
        lastUsedAt = try row.optionalDate("lastUsedAt")
        revokedAt = try row.optionalDate("revokedAt")
    }
}

extension Kiosk {
    init(row: RowReader) throws {
        self.init(id: try row["id"], name: try row["name"], tokenHash: try row["tokenHash"], enrolledBy: try row["enrolledBy"],
                  idleSeconds: try row["idleSeconds"], createdAt: try row.date("createdAt"))
        revokedAt = try row.optionalDate("revokedAt")
    }
}

extension SignInAttempt {
    init(row: RowReader) throws {
        self.init(personId: try row["personId"], name: try row["name"], clientAddress: try row["clientAddress"],
                  method: try row.raw("method", Method.self), succeeded: try row["succeeded"], checked: try row["checked"],
                  at: try row.date("at"))
        id = try row["id"]
    }
}
