import Foundation
import Storage

extension Person {
    static let columns = """
        p.id, p.name, p.displayName, p.role, p.avatar, p.avatarPhoto, p.languages, p.passwordHash, p.pictureCodeHash, \
        p.failedCodeAttempts, p.lockedUntil, p.createdAt, p.nameRecordingId
        """

    init(row: RowReader) throws {
        let languages = try JSONDecoder().decode([String].self, from: Data(try row["languages", as: String.self].utf8))
        self.init(id: try row["id"], name: try row["name"], displayName: try row["displayName"], role: try row.raw("role", Role.self),
                  avatar: try row["avatar"], languages: languages, passwordHash: try row["passwordHash"],
                  pictureCodeHash: try row["pictureCodeHash"], createdAt: try row.date("createdAt"))
        avatarPhoto = try row["avatarPhoto"]
        failedCodeAttempts = try row["failedCodeAttempts"]
        lockedUntil = try row.optionalDate("lockedUntil")
        nameRecordingId = try row["nameRecordingId"]
    }

    /// The languages as the JSON array the column keeps.
    var languagesJSON: String {
        String(decoding: (try? JSONEncoder().encode(languages)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

extension LearningGroup {
    static let columns = "g.id, g.name, g.picture, g.picturePhoto, g.openSignIn, g.createdAt"

    init(row: RowReader) throws {
        self.init(id: try row["id"], name: try row["name"], picture: try row["picture"], openSignIn: try row["openSignIn"],
                  createdAt: try row.date("createdAt"))
        picturePhoto = try row["picturePhoto"]
    }
}

extension MentoringPair {
    init(row: RowReader) throws {
        self.init(id: try row["id"], mentorId: try row["mentorId"], newcomerId: try row["newcomerId"], startsAt: try row.date("startsAt"),
                  endsAt: try row.optionalDate("endsAt"))
    }
}
