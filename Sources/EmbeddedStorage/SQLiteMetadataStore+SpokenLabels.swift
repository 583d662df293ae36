import Foundation
import GRDB
import Storage

extension SQLiteMetadataStore {
    /// The labels recorded for a language, by key.
    public func spokenLabels(language: String) async throws -> [SpokenLabel] {
        try await pool.read { db in
            try SpokenLabel.filter(SpokenLabel.Columns.language == language).order(SpokenLabel.Columns.key).fetchAll(db)
        }
    }

    /// Makes `label.recordingId` the label for its language and key, in one transaction: the
    /// recording becomes public with its speaker's consent on record (recording a label is agreeing
    /// that everyone hears it), and the label points at it.
    ///
    /// - Returns: the recording the label pointed at before, if another one (the caller withdraws it).
    public func publishSpokenLabel(_ label: SpokenLabel) async throws -> String? {
        try await writeChecked("spoken label '\(label.key)'") { db in
            guard var recording = try Recording.filter(publicId: label.recordingId).fetchOne(db) else {
                throw StorageError(code: .notFound, message: "recording \(label.recordingId) is gone")
            }
            recording.visibility = .public
            recording.sharedWithMentor = false
            try recording.update(db, columns: ["visibility", "sharedWithMentor"])
            if let speaker = recording.ownerId {
                try Consent(recordingId: recording.id, personId: speaker, visibility: .public, method: .tap).insert(db)
            }
            let previous = try SpokenLabel.fetchOne(db, key: ["language": label.language, "key": label.key])
            try label.save(db)
            return previous.map(\.recordingId).flatMap { $0 == label.recordingId ? nil : $0 }
        }
    }

    /// Forgets the label for a language and key; returns it when there was one (the caller
    /// withdraws its recording).
    public func removeSpokenLabel(language: String, key: String) async throws -> SpokenLabel? {
        try await pool.write { db in
            guard let label = try SpokenLabel.fetchOne(db, key: ["language": language, "key": key]) else { return nil }
            try label.delete(db)
            return label
        }
    }
}
