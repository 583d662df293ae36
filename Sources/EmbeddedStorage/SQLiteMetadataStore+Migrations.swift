import GRDB
import Storage

extension SQLiteMetadataStore {
    /// The schema's history. A migration that has shipped never changes: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 recordings") { db in
            try db.create(table: "recording") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("id", .text).notNull().unique()
                table.column("title", .text).notNull()
                table.column("language", .text).notNull()
                table.column("durationMs", .integer).notNull()
                table.column("sampleCount", .integer).notNull()
                table.column("inputSampleRate", .integer).notNull()
                table.column("inputChannels", .integer).notNull()
                table.column("bitrate", .integer).notNull()
                table.column("byteSize", .integer).notNull()
                table.column("sha256", .text).notNull().indexed()
                table.column("sourceFormat", .text).notNull()
                table.column("createdAt", .integer).notNull()  // milliseconds since 1970
            }
        }
        migrator.registerMigration("v2 people, groups, sign-in and consent") { db in
            try db.create(table: "person") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().unique()  // stored lowercased
                table.column("displayName", .text).notNull()
                table.column("role", .text).notNull()
                table.column("avatar", .text)
                table.column("languages", .text).notNull()  // JSON array of BCP 47 tags
                table.column("passwordHash", .text)
                table.column("pictureCodeHash", .text)
                table.column("failedCodeAttempts", .integer).notNull().defaults(to: 0)
                table.column("lockedUntil", .integer)
                table.column("createdAt", .integer).notNull()
            }
            try db.create(table: "learningGroup") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("picture", .text)
                table.column("openSignIn", .boolean).notNull().defaults(to: false)
                table.column("createdAt", .integer).notNull()
            }
            try db.create(table: "membership") { table in
                table.column("groupId", .text).notNull().references("learningGroup", onDelete: .cascade)
                table.column("personId", .text).notNull().references("person", onDelete: .cascade).indexed()
                table.primaryKey(["groupId", "personId"])
            }
            try db.create(table: "network") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
            }
            try db.create(table: "networkMember") { table in
                table.column("networkId", .text).notNull().references("network", onDelete: .cascade)
                table.column("groupId", .text).notNull().references("learningGroup", onDelete: .cascade).indexed()
                table.primaryKey(["networkId", "groupId"])
            }
            try db.create(table: "mentoringPair") { table in
                table.primaryKey("id", .text)
                table.column("mentorId", .text).notNull().references("person", onDelete: .cascade).indexed()
                table.column("newcomerId", .text).notNull().references("person", onDelete: .cascade).indexed()
                table.column("startsAt", .integer).notNull()
                table.column("endsAt", .integer)
            }
            try db.create(table: "apiToken") { table in
                table.primaryKey("id", .text)
                table.column("personId", .text).notNull().references("person", onDelete: .cascade).indexed()
                table.column("name", .text).notNull()
                table.column("tokenHash", .text).notNull().unique()
                table.column("createdAt", .integer).notNull()
                table.column("lastUsedAt", .integer)
                table.column("revokedAt", .integer)
            }
            try db.create(table: "kiosk") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("tokenHash", .text).notNull().unique()
                table.column("enrolledBy", .text).notNull()
                table.column("idleSeconds", .integer).notNull()
                table.column("createdAt", .integer).notNull()
                table.column("revokedAt", .integer)
            }
            try db.create(table: "kioskGroup") { table in
                table.column("kioskId", .text).notNull().references("kiosk", onDelete: .cascade)
                table.column("groupId", .text).notNull().references("learningGroup", onDelete: .cascade)
                table.primaryKey(["kioskId", "groupId"])
            }
            try db.create(table: "signInAttempt") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("personId", .text).indexed()
                table.column("name", .text)
                table.column("clientAddress", .text).notNull()
                table.column("method", .text).notNull()
                table.column("succeeded", .boolean).notNull()
                table.column("at", .integer).notNull()
            }
            try db.create(index: "signInAttempt_address_at", on: "signInAttempt", columns: ["clientAddress", "at"])
            try db.create(table: "oneTimeLink") { table in
                table.primaryKey("tokenHash", .text)
                table.column("personId", .text).notNull().references("person", onDelete: .cascade)
                table.column("expiresAt", .integer).notNull()
                table.column("usedAt", .integer)
            }
            try db.create(table: "keyValue") { table in
                table.primaryKey("key", .text)  // the SHA-256 of the caller's key
                table.column("value", .blob).notNull()
                table.column("expiresAt", .integer)
            }
            try db.create(table: "consent") { table in
                table.primaryKey("id", .text)
                table.column("recordingId", .text).notNull().indexed()
                table.column("personId", .text).notNull()
                table.column("visibility", .text).notNull()
                table.column("method", .text).notNull()
                table.column("consentRecordingId", .text)
                table.column("givenAt", .integer).notNull()
            }
            try db.create(table: "tombstone") { table in
                table.primaryKey("recordingId", .text)
                table.column("ownerId", .text)
                table.column("withdrawnAt", .integer).notNull()
                table.column("withdrawnBy", .text)
            }
            try db.alter(table: "recording") { table in
                table.add(column: "ownerId", .text).references("person").indexed()
                table.add(column: "groupId", .text).references("learningGroup", onDelete: .setNull).indexed()
                table.add(column: "visibility", .text).notNull().defaults(to: "private")
                table.add(column: "sharedWithMentor", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v3 photos") { db in
            try db.create(table: "picture") { table in
                table.primaryKey("sha256", .text)
                table.column("contentType", .text).notNull()
                table.column("byteSize", .integer).notNull()
                table.column("createdAt", .integer).notNull()
            }
            try db.alter(table: "person") { table in table.add(column: "avatarPhoto", .text).references("picture") }
            try db.alter(table: "learningGroup") { table in table.add(column: "picturePhoto", .text).references("picture") }
        }
        migrator.registerMigration("v4 loudness and peaks") { db in
            try db.alter(table: "recording") { table in
                table.add(column: "loudnessLUFS", .double)
                table.add(column: "truePeakDBTP", .double)
                table.add(column: "gainDB", .double).notNull().defaults(to: 0)
                table.add(column: "peaksSha256", .text).indexed()
            }
        }
        migrator.registerMigration("v5 transcripts") { db in
            try db.create(table: "transcript") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("recordingId", .text).notNull().references("recording", column: "id", onDelete: .cascade)
                table.column("language", .text).notNull()
                table.column("currentRevision", .integer).notNull()
                table.uniqueKey(["recordingId", "language"])
            }
            // Every edit is a new revision; the segments and words of each are kept whole, so any
            // revision reads back exactly as it was.
            try db.create(table: "transcriptRevision") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("transcriptId", .integer).notNull().references("transcript", onDelete: .cascade)
                table.column("revision", .integer).notNull()
                table.column("kind", .text).notNull()
                table.column("text", .text).notNull()
                table.column("change", .text).notNull()
                table.column("authorId", .text).references("person", onDelete: .setNull)
                table.column("createdAt", .integer).notNull()
                table.uniqueKey(["transcriptId", "revision"])
            }
            try db.create(table: "transcriptSegment", options: .withoutRowID) { table in
                table.column("revisionId", .integer).notNull().references("transcriptRevision", onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("text", .text).notNull()
                table.column("startMs", .integer)
                table.column("endMs", .integer)
                table.column("origin", .text)
                table.column("confidence", .double)
                table.primaryKey(["revisionId", "position"])
            }
            try db.create(table: "transcriptWord", options: .withoutRowID) { table in
                table.column("revisionId", .integer).notNull()
                table.column("segment", .integer).notNull()
                table.column("position", .integer).notNull()
                table.column("text", .text).notNull()
                table.column("offset", .integer).notNull()
                table.column("length", .integer).notNull()
                table.column("startMs", .integer)
                table.column("endMs", .integer)
                table.column("origin", .text)
                table.column("confidence", .double)
                table.primaryKey(["revisionId", "segment", "position"])
                table.foreignKey(["revisionId", "segment"], references: "transcriptSegment", columns: ["revisionId", "position"],
                                 onDelete: .cascade)
            }
            // One row per segment of each current revision: a hit knows where to jump to.
            // unicode61 with remove_diacritics 2 finds "école" from "ecole", in any case.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE transcriptSearch USING fts5(
                    text, transcriptId UNINDEXED, segment UNINDEXED, startMs UNINDEXED,
                    tokenize = "unicode61 remove_diacritics 2"
                );
                CREATE TRIGGER transcriptSearchCleanup AFTER DELETE ON transcript BEGIN
                    DELETE FROM transcriptSearch WHERE transcriptId = old.id;
                END;
                """)
        }
        migrator.registerMigration("v6 attempts and progress") { db in
            // Every answer a learner gives, kept whole (answer and marks as JSON). Attempts go with
            // the recording they practise (withdrawing it deletes its derived data) and with the
            // person; a recorded try that is withdrawn only leaves the link empty.
            try db.create(table: "attempt") { table in
                table.primaryKey("id", .text)
                table.column("personId", .text).notNull().references("person", onDelete: .cascade)
                table.column("recordingId", .text).notNull().references("recording", column: "id", onDelete: .cascade).indexed()
                table.column("step", .text).notNull().defaults(to: "")
                table.column("language", .text).notNull()
                table.column("revision", .integer)
                table.column("kind", .text).notNull()
                table.column("segment", .integer)
                table.column("level", .integer).notNull()
                table.column("answer", .text).notNull()
                table.column("marks", .text).notNull()
                table.column("score", .integer)
                table.column("tryRecordingId", .text).references("recording", column: "id", onDelete: .setNull).indexed()
                table.column("createdAt", .integer).notNull()
            }
            try db.create(index: "attempt_person_recording", on: "attempt", columns: ["personId", "recordingId", "step", "level", "createdAt"])
            try db.create(index: "attempt_person_createdAt", on: "attempt", columns: ["personId", "createdAt"])
            // One row per expected word of each scored attempt: "words most often missed" is a
            // GROUP BY on the folded word rather than a scan of every attempt's JSON.
            try db.create(table: "attemptWord", options: .withoutRowID) { table in
                table.column("attemptId", .text).notNull().references("attempt", onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("word", .text).notNull()
                table.column("folded", .text).notNull()
                table.column("mark", .text).notNull()
                table.primaryKey(["attemptId", "position"])
            }
            // The level a learner is at on a recording (and scenario step: "" for none), since when,
            // and who set it by hand (null when the level rule did).
            try db.create(table: "progress", options: .withoutRowID) { table in
                table.column("personId", .text).notNull().references("person", onDelete: .cascade)
                table.column("recordingId", .text).notNull().references("recording", column: "id", onDelete: .cascade).indexed()
                table.column("step", .text).notNull()
                table.column("level", .integer).notNull()
                table.column("levelSince", .integer).notNull()
                table.column("setBy", .text).references("person", onDelete: .setNull)
                table.column("updatedAt", .integer).notNull()
                table.primaryKey(["personId", "recordingId", "step"])
            }
        }
        migrator.registerMigration("v7 scenarios") { db in
            // A scenario is its revisions (the Markdown file as saved each time) plus where it
            // belongs. Shipped scenarios come from a file in Scenarios/ (seedFile): the file's hash
            // and the revision made from it tell, at the next start, whether trainers edited since.
            try db.create(table: "scenario") { table in
                table.primaryKey("slug", .text)
                table.column("groupId", .text).references("learningGroup", onDelete: .setNull).indexed()
                table.column("visibility", .text).notNull()
                table.column("currentRevision", .integer).notNull()
                table.column("createdBy", .text).references("person", onDelete: .setNull)
                table.column("createdAt", .integer).notNull()
                table.column("copiedFrom", .text)
                table.column("seedFile", .text)
                table.column("seedHash", .text)
                table.column("seedRevision", .integer)
            }
            try db.create(table: "scenarioRevision", options: .withoutRowID) { table in
                table.column("slug", .text).notNull().references("scenario", onDelete: .cascade)
                table.column("number", .integer).notNull()
                table.column("body", .text).notNull()
                table.column("authorId", .text).references("person", onDelete: .setNull)
                table.column("message", .text).notNull()
                table.column("createdAt", .integer).notNull()
                table.primaryKey(["slug", "number"])
            }
            // A shipped file that changed on disk after trainers had edited the scenario: kept
            // here, whole, until a trainer saves the scenario again.
            try db.create(table: "scenarioSeedConflict") { table in
                table.primaryKey("slug", .text).references("scenario", onDelete: .cascade)
                table.column("seedFile", .text).notNull()
                table.column("fileBody", .text).notNull()
                table.column("fileHash", .text).notNull()
                table.column("currentRevision", .integer).notNull()
                table.column("detectedAt", .integer).notNull()
            }
            // Steps a learner has done that leave no attempt (listen, record, talk), with the
            // answer recording of a record step. Exercise steps count through their attempts.
            try db.create(table: "scenarioStepDone", options: .withoutRowID) { table in
                table.column("personId", .text).notNull().references("person", onDelete: .cascade)
                table.column("slug", .text).notNull().references("scenario", onDelete: .cascade)
                table.column("stepId", .text).notNull()
                table.column("recordingId", .text).references("recording", column: "id", onDelete: .setNull)
                table.column("doneAt", .integer).notNull()
                table.primaryKey(["personId", "slug", "stepId"])
            }
            // Audio files shipped with the scenarios, stored as public recordings without an owner;
            // a file is imported again only when its bytes or its text change.
            try db.create(table: "shippedMedia") { table in
                table.primaryKey("path", .text)
                table.column("sha256", .text).notNull()
                table.column("text", .text)
                table.column("language", .text)
                table.column("recordingId", .text).notNull().references("recording", column: "id", onDelete: .cascade).indexed()
                table.column("importedAt", .integer).notNull()
            }
        }
        migrator.registerMigration("v8 upload idempotency keys") { db in
            // A client's `Idempotency-Key` for an upload, per uploader: a retry with the same key
            // gets the recording made the first time. Not a foreign key to the recording, so a
            // withdrawn one still answers (410) instead of being uploaded again.
            try db.create(table: "uploadKey", options: .withoutRowID) { table in
                table.column("ownerId", .text).notNull().references("person", onDelete: .cascade)
                table.column("key", .text).notNull()
                table.column("recordingId", .text).notNull()
                table.column("createdAt", .integer).notNull()
                table.primaryKey(["ownerId", "key"])
            }
        }
        migrator.registerMigration("v9 spoken labels") { db in
            // The spoken labels trainers recorded, per language and label key: each points at a
            // public recording of the trainer's voice; the shipped clip plays where none is recorded.
            try db.create(table: "spokenLabel", options: .withoutRowID) { table in
                table.column("language", .text).notNull()
                table.column("key", .text).notNull()
                table.column("recordingId", .text).notNull().references("recording", column: "id", onDelete: .cascade).indexed()
                table.column("recordedBy", .text).references("person", onDelete: .setNull)
                table.column("recordedAt", .integer).notNull()
                table.primaryKey(["language", "key"])
            }
        }
        migrator.registerMigration("v10 who added whom, and sign-in guards") { db in
            // Who put a person in a group: moving a learner between trainers is on record.
            try db.alter(table: "membership") { table in
                table.add(column: "addedBy", .text).references("person", onDelete: .setNull)
            }
            // Attempts refused before any secret was checked (a lock, a burst) are logged with
            // checked = 0; every other row's code or password was verified.
            try db.alter(table: "signInAttempt") { table in
                table.add(column: "checked", .boolean).notNull().defaults(to: true)
            }
            // Wrong picture codes per learner and per place they come from (a kiosk, or an address
            // elsewhere): a lock here never stops the learner at their own group's kiosk.
            try db.create(table: "codeGuard", options: .withoutRowID) { table in
                table.column("personId", .text).notNull().references("person", onDelete: .cascade)
                table.column("source", .text).notNull()
                table.column("failures", .integer).notNull()
                table.column("lockedUntil", .integer)
                table.primaryKey(["personId", "source"])
            }
        }
        migrator.registerMigration("v11 recording pictures and purposes") { db in
            // A story's picture (a key of the client's set) and what a recording is for, so a
            // learner's stories are listed apart from their practice takes and spoken names.
            try db.alter(table: "recording") { table in
                table.add(column: "picture", .text)
                table.add(column: "purpose", .text).notNull().defaults(to: "story")
            }
        }
        migrator.registerMigration("v12 spoken names") { db in
            // A person's name, spoken (a recording of purpose `name`), played beside their picture.
            try db.alter(table: "person") { table in
                table.add(column: "nameRecordingId", .text).references("recording", column: "id", onDelete: .setNull)
            }
        }
        migrator.registerMigration("v13 sync between servers") { db in
            try syncTables(db)
        }
        migrator.registerMigration("v14 upload key claims") { db in
            // Who is storing an upload with a key right now, on any node, until when (a lease:
            // a node that dies mid-upload stops renewing it, and a retry takes the key over).
            try db.create(table: "uploadClaim", options: .withoutRowID) { table in
                table.column("ownerId", .text).notNull()
                table.column("key", .text).notNull()
                table.column("claimant", .text).notNull()
                table.column("expiresAt", .integer).notNull()  // milliseconds since 1970
                table.primaryKey(["ownerId", "key"])
            }
        }
        migrator.registerMigration("v15 sync of scenarios") { db in
            try scenarioSyncTables(db)
        }
        migrator.registerMigration("v16 sync of edits") { db in
            try editSyncTables(db)
        }
        migrator.registerMigration("v17 sync of deletions") { db in
            try deletionSyncTables(db)
        }
        migrator.registerMigration("v18 sync of levels set by hand") { db in
            try levelSyncTables(db)
        }
        migrator.registerMigration("v19 sync of scenario visibility") { db in
            try scenarioEditSyncTables(db)
        }
        migrator.registerMigration("v20 sync peer address") { db in
            // The other server's address, for sync over HTTP (`sync pair --peer URL`).
            try db.alter(table: "syncPair") { table in table.add(column: "peerURL", .text) }
        }
        migrator.registerMigration("v21 sync of spoken labels and photos") { db in
            try labelPhotoSyncTables(db)
        }
        migrator.registerMigration("v22 sync of scenario steps done") { db in
            try stepSyncTriggers(db)
        }
        return migrator
    }
}
