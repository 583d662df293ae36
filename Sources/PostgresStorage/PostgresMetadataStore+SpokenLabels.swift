import Foundation
import PostgresNIO
import Storage

extension PostgresMetadataStore {
    /// The labels recorded for a language, by key.
    public func spokenLabels(language: String) async throws -> [SpokenLabel] {
        try await rows("SELECT * FROM spokenLabel WHERE language = \(language) ORDER BY key COLLATE \"C\"").map(SpokenLabel.init(row:))
    }

    /// Makes `label.recordingId` the label for its language and key, in one transaction: the
    /// recording becomes public with its speaker's consent on record, and the label points at it.
    /// The label's advisory lock orders two publications of one label on any nodes.
    ///
    /// - Returns: the recording the label pointed at before, if another one (the caller withdraws it).
    public func publishSpokenLabel(_ label: SpokenLabel) async throws -> String? {
        try await transaction("spoken label '\(label.key)'") { transaction in
            try await transaction.lock("spoken label \(label.language) \(label.key)")
            guard let owner = try await transaction.rows("""
                UPDATE recording SET visibility = 'public', sharedWithMentor = false WHERE id = \(label.recordingId) RETURNING ownerId
                """).first else {
                throw StorageError(code: .notFound, message: "recording \(label.recordingId) is gone")
            }
            if let speaker = try owner["ownerId", as: String?.self] {
                try await Self.insert(Consent(recordingId: label.recordingId, personId: speaker, visibility: .public, method: .tap), transaction)
            }
            let previous = try await transaction.rows("""
                SELECT recordingId FROM spokenLabel WHERE language = \(label.language) AND key = \(label.key)
                """).first?["recordingId", as: String.self]
            try await transaction.run("""
                INSERT INTO spokenLabel (language, key, recordingId, recordedBy, recordedAt)
                VALUES (\(label.language), \(label.key), \(label.recordingId), \(label.recordedBy), \(label.recordedAt.millisecondsSince1970))
                ON CONFLICT (language, key) DO UPDATE SET recordingId = excluded.recordingId, recordedBy = excluded.recordedBy,
                recordedAt = excluded.recordedAt
                """)
            return previous.flatMap { $0 == label.recordingId ? nil : $0 }
        }
    }

    /// Forgets the label for a language and key; returns it when there was one.
    public func removeSpokenLabel(language: String, key: String) async throws -> SpokenLabel? {
        try await transaction("spoken label '\(key)'") { transaction in
            try await transaction.rows("DELETE FROM spokenLabel WHERE language = \(language) AND key = \(key) RETURNING *")
                .first.map(SpokenLabel.init(row:))
        }
    }
}
