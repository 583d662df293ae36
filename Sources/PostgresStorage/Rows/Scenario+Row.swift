import Foundation
import Storage

extension ScenarioRecord {
    init(row: RowReader) throws {
        self.init(slug: try row["slug"], groupId: try row["groupId"], visibility: try row.raw("visibility", Visibility.self),
                  currentRevision: try row["currentRevision"], createdBy: try row["createdBy"], createdAt: try row.date("createdAt"),
                  copiedFrom: try row["copiedFrom"], seedFile: try row["seedFile"], seedHash: try row["seedHash"],
                  seedRevision: try row["seedRevision"])
    }
}

extension ScenarioRevision {
    init(row: RowReader) throws {
        self.init(slug: try row["slug"], number: try row["number"], body: try row["body"], authorId: try row["authorId"],
                  message: try row["message"], createdAt: try row.date("createdAt"))
    }

    func insert(_ transaction: Transaction) async throws {
        try await transaction.run("""
            INSERT INTO scenarioRevision (slug, number, body, authorId, message, createdAt)
            VALUES (\(slug), \(number), \(body), \(authorId), \(message), \(createdAt.millisecondsSince1970))
            """)
    }
}

extension ScenarioSeedConflict {
    init(row: RowReader) throws {
        self.init(slug: try row["slug"], seedFile: try row["seedFile"], fileBody: try row["fileBody"], fileHash: try row["fileHash"],
                  currentRevision: try row["currentRevision"], detectedAt: try row.date("detectedAt"))
    }
}

extension ScenarioStepDone {
    init(row: RowReader) throws {
        self.init(personId: try row["personId"], slug: try row["slug"], stepId: try row["stepId"], recordingId: try row["recordingId"],
                  doneAt: try row.date("doneAt"))
    }
}

extension ShippedMedia {
    init(row: RowReader) throws {
        self.init(path: try row["path"], sha256: try row["sha256"], text: try row["text"], language: try row["language"],
                  recordingId: try row["recordingId"], importedAt: try row.date("importedAt"))
    }
}

extension SpokenLabel {
    init(row: RowReader) throws {
        self.init(language: try row["language"], key: try row["key"], recordingId: try row["recordingId"], recordedBy: try row["recordedBy"],
                  recordedAt: try row.date("recordedAt"))
    }
}

extension Picture {
    init(row: RowReader) throws {
        self.init(sha256: try row["sha256"], contentType: try row["contentType"], byteSize: try row["byteSize"],
                  createdAt: try row.date("createdAt"))
    }
}
