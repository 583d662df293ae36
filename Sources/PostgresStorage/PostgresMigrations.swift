/// The schema's history on PostgreSQL, applied in order and recorded in `schema_migrations`.
/// A migration that has shipped never changes: add a new one instead.
///
/// Names are written in camel case without quotes (PostgreSQL folds them to lower case); dates
/// are integer milliseconds since 1970, as in the embedded store, so values read back equal.
enum PostgresMigrations {
    struct Migration {
        let name: String
        let statements: [String]
    }

    static let all: [Migration] = [v1Schema, v1Search, v2UploadClaims, v3ChangeNotifications, v4Sync, v5LabelPhotoSync, v6StepSync]

    /// Every table of the embedded store's schema as it stands (its migrations v1 to v12).
    static let v1Schema = Migration(name: "v1 schema", statements: [
        """
        CREATE TABLE picture (sha256 TEXT PRIMARY KEY, contentType TEXT NOT NULL, byteSize BIGINT NOT NULL, createdAt BIGINT NOT NULL)
        """,
        """
        CREATE TABLE person (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, displayName TEXT NOT NULL, role TEXT NOT NULL, avatar TEXT,
            languages TEXT NOT NULL, passwordHash TEXT, pictureCodeHash TEXT, failedCodeAttempts BIGINT NOT NULL DEFAULT 0,
            lockedUntil BIGINT, createdAt BIGINT NOT NULL, avatarPhoto TEXT REFERENCES picture(sha256))
        """,
        """
        CREATE TABLE learningGroup (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, picture TEXT, openSignIn BOOLEAN NOT NULL DEFAULT false,
            createdAt BIGINT NOT NULL, picturePhoto TEXT REFERENCES picture(sha256))
        """,
        """
        CREATE TABLE recording (
            seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, language TEXT NOT NULL,
            durationMs BIGINT NOT NULL, sampleCount BIGINT NOT NULL, inputSampleRate BIGINT NOT NULL, inputChannels BIGINT NOT NULL,
            bitrate BIGINT NOT NULL, byteSize BIGINT NOT NULL, sha256 TEXT NOT NULL, sourceFormat TEXT NOT NULL, createdAt BIGINT NOT NULL,
            ownerId TEXT REFERENCES person(id), groupId TEXT REFERENCES learningGroup(id) ON DELETE SET NULL,
            visibility TEXT NOT NULL DEFAULT 'private', sharedWithMentor BOOLEAN NOT NULL DEFAULT false,
            loudnessLUFS DOUBLE PRECISION, truePeakDBTP DOUBLE PRECISION, gainDB DOUBLE PRECISION NOT NULL DEFAULT 0,
            peaksSha256 TEXT, picture TEXT, purpose TEXT NOT NULL DEFAULT 'story')
        """,
        "CREATE INDEX recording_sha256 ON recording (sha256)",
        "CREATE INDEX recording_peaksSha256 ON recording (peaksSha256)",
        "CREATE INDEX recording_ownerId ON recording (ownerId)",
        "CREATE INDEX recording_groupId ON recording (groupId)",
        "ALTER TABLE person ADD COLUMN nameRecordingId TEXT REFERENCES recording(id) ON DELETE SET NULL",
        """
        CREATE TABLE membership (
            groupId TEXT NOT NULL REFERENCES learningGroup(id) ON DELETE CASCADE,
            personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            addedBy TEXT REFERENCES person(id) ON DELETE SET NULL, PRIMARY KEY (groupId, personId))
        """,
        "CREATE INDEX membership_personId ON membership (personId)",
        "CREATE TABLE network (id TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE networkMember (
            networkId TEXT NOT NULL REFERENCES network(id) ON DELETE CASCADE,
            groupId TEXT NOT NULL REFERENCES learningGroup(id) ON DELETE CASCADE, PRIMARY KEY (networkId, groupId))
        """,
        "CREATE INDEX networkMember_groupId ON networkMember (groupId)",
        """
        CREATE TABLE mentoringPair (
            id TEXT PRIMARY KEY, mentorId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            newcomerId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE, startsAt BIGINT NOT NULL, endsAt BIGINT)
        """,
        "CREATE INDEX mentoringPair_mentorId ON mentoringPair (mentorId)",
        "CREATE INDEX mentoringPair_newcomerId ON mentoringPair (newcomerId)",
        """
        CREATE TABLE apiToken (
            id TEXT PRIMARY KEY, personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE, name TEXT NOT NULL,
            tokenHash TEXT NOT NULL UNIQUE, createdAt BIGINT NOT NULL, lastUsedAt BIGINT, revokedAt BIGINT)
        """,
        "CREATE INDEX apiToken_personId ON apiToken (personId)",
        """
        CREATE TABLE kiosk (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, tokenHash TEXT NOT NULL UNIQUE, enrolledBy TEXT NOT NULL,
            idleSeconds BIGINT NOT NULL, createdAt BIGINT NOT NULL, revokedAt BIGINT)
        """,
        """
        CREATE TABLE kioskGroup (
            kioskId TEXT NOT NULL REFERENCES kiosk(id) ON DELETE CASCADE,
            groupId TEXT NOT NULL REFERENCES learningGroup(id) ON DELETE CASCADE, PRIMARY KEY (kioskId, groupId))
        """,
        """
        CREATE TABLE signInAttempt (
            id BIGSERIAL PRIMARY KEY, personId TEXT, name TEXT, clientAddress TEXT NOT NULL, method TEXT NOT NULL,
            succeeded BOOLEAN NOT NULL, checked BOOLEAN NOT NULL DEFAULT true, at BIGINT NOT NULL)
        """,
        "CREATE INDEX signInAttempt_personId ON signInAttempt (personId)",
        "CREATE INDEX signInAttempt_address_at ON signInAttempt (clientAddress, at)",
        """
        CREATE TABLE oneTimeLink (
            tokenHash TEXT PRIMARY KEY, personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            expiresAt BIGINT NOT NULL, usedAt BIGINT)
        """,
        "CREATE TABLE keyValue (key TEXT PRIMARY KEY, value BYTEA NOT NULL, expiresAt BIGINT)",
        """
        CREATE TABLE consent (
            id TEXT PRIMARY KEY, recordingId TEXT NOT NULL, personId TEXT NOT NULL, visibility TEXT NOT NULL, method TEXT NOT NULL,
            consentRecordingId TEXT, givenAt BIGINT NOT NULL)
        """,
        "CREATE INDEX consent_recordingId ON consent (recordingId)",
        "CREATE TABLE tombstone (recordingId TEXT PRIMARY KEY, ownerId TEXT, withdrawnAt BIGINT NOT NULL, withdrawnBy TEXT)",
        """
        CREATE TABLE transcript (
            id BIGSERIAL PRIMARY KEY, recordingId TEXT NOT NULL REFERENCES recording(id) ON DELETE CASCADE,
            language TEXT NOT NULL, currentRevision BIGINT NOT NULL, UNIQUE (recordingId, language))
        """,
        """
        CREATE TABLE transcriptRevision (
            id BIGSERIAL PRIMARY KEY, transcriptId BIGINT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
            revision BIGINT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, change TEXT NOT NULL,
            authorId TEXT REFERENCES person(id) ON DELETE SET NULL, createdAt BIGINT NOT NULL, UNIQUE (transcriptId, revision))
        """,
        """
        CREATE TABLE transcriptSegment (
            revisionId BIGINT NOT NULL REFERENCES transcriptRevision(id) ON DELETE CASCADE, position BIGINT NOT NULL,
            text TEXT NOT NULL, startMs BIGINT, endMs BIGINT, origin TEXT, confidence DOUBLE PRECISION,
            PRIMARY KEY (revisionId, position))
        """,
        """
        CREATE TABLE transcriptWord (
            revisionId BIGINT NOT NULL, segment BIGINT NOT NULL, position BIGINT NOT NULL, text TEXT NOT NULL,
            charOffset BIGINT NOT NULL, length BIGINT NOT NULL, startMs BIGINT, endMs BIGINT, origin TEXT,
            confidence DOUBLE PRECISION, PRIMARY KEY (revisionId, segment, position),
            FOREIGN KEY (revisionId, segment) REFERENCES transcriptSegment (revisionId, position) ON DELETE CASCADE)
        """,
        """
        CREATE TABLE attempt (
            id TEXT PRIMARY KEY, seq BIGSERIAL NOT NULL, personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            recordingId TEXT NOT NULL REFERENCES recording(id) ON DELETE CASCADE, step TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL, revision BIGINT, kind TEXT NOT NULL, segment BIGINT, level BIGINT NOT NULL,
            answer TEXT NOT NULL, marks TEXT NOT NULL, score BIGINT,
            tryRecordingId TEXT REFERENCES recording(id) ON DELETE SET NULL, createdAt BIGINT NOT NULL)
        """,
        "CREATE INDEX attempt_recordingId ON attempt (recordingId)",
        "CREATE INDEX attempt_tryRecordingId ON attempt (tryRecordingId)",
        "CREATE INDEX attempt_person_recording ON attempt (personId, recordingId, step, level, createdAt)",
        "CREATE INDEX attempt_person_createdAt ON attempt (personId, createdAt)",
        """
        CREATE TABLE attemptWord (
            attemptId TEXT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE, position BIGINT NOT NULL, word TEXT NOT NULL,
            folded TEXT NOT NULL, mark TEXT NOT NULL, PRIMARY KEY (attemptId, position))
        """,
        """
        CREATE TABLE progress (
            personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            recordingId TEXT NOT NULL REFERENCES recording(id) ON DELETE CASCADE, step TEXT NOT NULL, level BIGINT NOT NULL,
            levelSince BIGINT NOT NULL, setBy TEXT REFERENCES person(id) ON DELETE SET NULL, updatedAt BIGINT NOT NULL,
            PRIMARY KEY (personId, recordingId, step))
        """,
        "CREATE INDEX progress_recordingId ON progress (recordingId)",
        """
        CREATE TABLE scenario (
            slug TEXT PRIMARY KEY, groupId TEXT REFERENCES learningGroup(id) ON DELETE SET NULL, visibility TEXT NOT NULL,
            currentRevision BIGINT NOT NULL, createdBy TEXT REFERENCES person(id) ON DELETE SET NULL, createdAt BIGINT NOT NULL,
            copiedFrom TEXT, seedFile TEXT, seedHash TEXT, seedRevision BIGINT)
        """,
        "CREATE INDEX scenario_groupId ON scenario (groupId)",
        """
        CREATE TABLE scenarioRevision (
            slug TEXT NOT NULL REFERENCES scenario(slug) ON DELETE CASCADE, number BIGINT NOT NULL, body TEXT NOT NULL,
            authorId TEXT REFERENCES person(id) ON DELETE SET NULL, message TEXT NOT NULL, createdAt BIGINT NOT NULL,
            PRIMARY KEY (slug, number))
        """,
        """
        CREATE TABLE scenarioSeedConflict (
            slug TEXT PRIMARY KEY REFERENCES scenario(slug) ON DELETE CASCADE, seedFile TEXT NOT NULL, fileBody TEXT NOT NULL,
            fileHash TEXT NOT NULL, currentRevision BIGINT NOT NULL, detectedAt BIGINT NOT NULL)
        """,
        """
        CREATE TABLE scenarioStepDone (
            personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            slug TEXT NOT NULL REFERENCES scenario(slug) ON DELETE CASCADE, stepId TEXT NOT NULL,
            recordingId TEXT REFERENCES recording(id) ON DELETE SET NULL, doneAt BIGINT NOT NULL,
            PRIMARY KEY (personId, slug, stepId))
        """,
        """
        CREATE TABLE shippedMedia (
            path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, text TEXT, language TEXT,
            recordingId TEXT NOT NULL REFERENCES recording(id) ON DELETE CASCADE, importedAt BIGINT NOT NULL)
        """,
        "CREATE INDEX shippedMedia_recordingId ON shippedMedia (recordingId)",
        """
        CREATE TABLE uploadKey (
            ownerId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE, key TEXT NOT NULL, recordingId TEXT NOT NULL,
            createdAt BIGINT NOT NULL, PRIMARY KEY (ownerId, key))
        """,
        """
        CREATE TABLE spokenLabel (
            language TEXT NOT NULL, key TEXT NOT NULL, recordingId TEXT NOT NULL REFERENCES recording(id) ON DELETE CASCADE,
            recordedBy TEXT REFERENCES person(id) ON DELETE SET NULL, recordedAt BIGINT NOT NULL, PRIMARY KEY (language, key))
        """,
        "CREATE INDEX spokenLabel_recordingId ON spokenLabel (recordingId)",
        """
        CREATE TABLE codeGuard (
            personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE, source TEXT NOT NULL, failures BIGINT NOT NULL,
            lockedUntil BIGINT, PRIMARY KEY (personId, source))
        """,
    ])

    /// The transcript search: one row per segment of each current revision, its words folded by a
    /// configuration that lowercases and removes accents (`unaccent`) but neither stems nor drops
    /// stop words, as the embedded store's tokenizer does, under a GIN index. A row's `rowId`
    /// grows with every re-indexing: newest transcript first is `ORDER BY rowId DESC`.
    /// One known difference from the embedded tokenizer: `unaccent` also unfolds ligatures
    /// (`œufs` is found by `oeufs` too, `straße` by `strasse`), which the embedded one does not.
    static let v1Search = Migration(name: "v1 transcript search", statements: [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE TEXT SEARCH CONFIGURATION parlons_search (COPY = simple)",
        """
        ALTER TEXT SEARCH CONFIGURATION parlons_search
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
            WITH unaccent, simple
        """,
        """
        CREATE TABLE transcriptSearch (
            rowId BIGSERIAL PRIMARY KEY, transcriptId BIGINT NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
            segment BIGINT NOT NULL, startMs BIGINT, text TEXT NOT NULL, document TSVECTOR NOT NULL)
        """,
        "CREATE INDEX transcriptSearch_document ON transcriptSearch USING GIN (document)",
        "CREATE INDEX transcriptSearch_transcriptId ON transcriptSearch (transcriptId)",
    ])

    /// Who is storing an upload with a key right now, on any node, until when (a lease: a node
    /// that dies mid-upload stops renewing it, and a retry takes the key over). The embedded
    /// store's v14.
    static let v2UploadClaims = Migration(name: "v2 upload key claims", statements: [
        """
        CREATE TABLE uploadClaim (
            ownerId TEXT NOT NULL, key TEXT NOT NULL, claimant TEXT NOT NULL, expiresAt BIGINT NOT NULL, PRIMARY KEY (ownerId, key))
        """,
    ])

    /// Every committed change to a table whose rows a node keeps in memory sends the table's name
    /// on `parlons_changes` (`NOTIFY` is delivered at commit, once per name per transaction), so
    /// that every node empties what it may make stale (``PostgresReadCaches``).
    static let v3ChangeNotifications = Migration(name: "v3 change notifications", statements: [
        """
        CREATE FUNCTION parlons_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('parlons_changes', TG_TABLE_NAME);
            RETURN NULL;
        END
        $$
        """,
    ] + ["recording", "apiToken", "person", "membership", "networkMember", "mentoringPair", "keyValue"].map { table in
        """
        CREATE TRIGGER \(table)_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
        FOR EACH STATEMENT EXECUTE FUNCTION parlons_notify_change()
        """
    })
}
