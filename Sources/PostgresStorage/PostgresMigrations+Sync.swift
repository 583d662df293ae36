extension PostgresMigrations {
    /// Sync between servers: what the embedded store's migrations v13 and v15 to v20 made, in one
    /// step (shipped migrations never change: add a new one).
    ///
    /// Every change to what travels is logged by row-level triggers, whichever code made it, with
    /// the embedded store's items, kinds and conditions; a statement that changes nothing logs
    /// nothing. Change numbers (`seq`) follow commit order, as watermarks need: a row gets its
    /// number when its transaction commits (a deferred trigger, under an advisory lock held only
    /// from then until the commit ends), so a reader never sees a number after one still to come.
    static let v4Sync = Migration(name: "v4 sync between servers", statements: syncTables + syncBackfill + syncFunctions + syncTriggers)

    /// The advisory lock change numbers are given under ("parlonsl").
    static let syncNumberLock: Int64 = 0x7061_726C_6F6E_736C

    static let syncTables = [
        // This server's id, made once: bundles name their sender by it.
        "CREATE TABLE syncSelf (id TEXT PRIMARY KEY)",
        // A group paired with another server: the shared key and how far each side's changes went.
        """
        CREATE TABLE syncPair (
            groupId TEXT PRIMARY KEY, key BYTEA NOT NULL, peerServerId TEXT, sentUpTo BIGINT NOT NULL DEFAULT 0,
            peerReceivedUpTo BIGINT NOT NULL DEFAULT 0, receivedUpTo BIGINT NOT NULL DEFAULT 0, lastExchangeAt BIGINT,
            pairedAt BIGINT NOT NULL, peerURL TEXT)
        """,
        // Every change to what travels; `seq` is given at commit (NULL until then, seen only by the
        // transaction that wrote it); `origin` names the peer a change arrived from.
        "CREATE SEQUENCE syncChangeSeq",
        """
        CREATE TABLE syncChange (
            id BIGSERIAL PRIMARY KEY, seq BIGINT UNIQUE, kind TEXT NOT NULL, itemId TEXT NOT NULL, origin TEXT)
        """,
        "CREATE INDEX syncChange_origin_kind ON syncChange (origin, kind, itemId)",
        // Clocks: when a recording's sharing last changed, and when a row's editable fields did
        // (milliseconds since 1970; 0 for never): between two sides' settings the later wins.
        "ALTER TABLE recording ADD COLUMN sharingChangedAt BIGINT NOT NULL DEFAULT 0, ADD COLUMN editedAt BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE person ADD COLUMN editedAt BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE learningGroup ADD COLUMN editedAt BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE scenario ADD COLUMN editedAt BIGINT NOT NULL DEFAULT 0",
        // A revision's id on every server and the revisions it was made from (space-separated).
        "ALTER TABLE transcriptRevision ADD COLUMN syncId TEXT, ADD COLUMN parents TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE scenarioRevision ADD COLUMN syncId TEXT, ADD COLUMN parents TEXT NOT NULL DEFAULT ''",
        // Recordings and transcripts deleted (not withdrawn), here or by a peer.
        """
        CREATE TABLE syncDeletion (
            kind TEXT NOT NULL, recordingId TEXT NOT NULL, language TEXT NOT NULL, groupId TEXT, deletedAt BIGINT NOT NULL,
            PRIMARY KEY (kind, recordingId, language))
        """,
        // Every level a trainer set by hand, as an event that travels.
        """
        CREATE TABLE syncLevelSetting (
            id TEXT PRIMARY KEY, personId TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            recordingId TEXT NOT NULL REFERENCES recording(id) ON DELETE CASCADE, step TEXT NOT NULL, level BIGINT NOT NULL,
            setBy TEXT, setAt BIGINT NOT NULL)
        """,
        "CREATE INDEX syncLevelSetting_progress ON syncLevelSetting (recordingId, personId, step)",
    ]

    /// What was there before: named, and logged once, as the embedded store's migrations do.
    static let syncBackfill = [
        "INSERT INTO syncSelf (id) VALUES (replace(gen_random_uuid()::text, '-', ''))",
        "UPDATE transcriptRevision SET syncId = left(replace(gen_random_uuid()::text, '-', ''), 24)",
        """
        UPDATE transcriptRevision v SET parents = COALESCE((SELECT p.syncId FROM transcriptRevision p
          WHERE p.transcriptId = v.transcriptId AND p.revision = v.revision - 1), '')
        """,
        "CREATE UNIQUE INDEX transcriptRevision_syncId ON transcriptRevision (syncId)",
        "UPDATE scenarioRevision SET syncId = left(replace(gen_random_uuid()::text, '-', ''), 24)",
        """
        UPDATE scenarioRevision v SET parents = COALESCE((SELECT p.syncId FROM scenarioRevision p
          WHERE p.slug = v.slug AND p.number = v.number - 1), '')
        """,
        "CREATE UNIQUE INDEX scenarioRevision_syncId ON scenarioRevision (syncId)",
        """
        INSERT INTO syncLevelSetting (id, personId, recordingId, step, level, setBy, setAt)
        SELECT left(replace(gen_random_uuid()::text, '-', ''), 24), personId, recordingId, step, level, setBy, levelSince
        FROM progress WHERE setBy IS NOT NULL
        """,
    ] + [
        "SELECT 'group', id FROM learningGroup ORDER BY createdAt, id",
        "SELECT 'person', id FROM person ORDER BY createdAt, id",
        "SELECT 'membership', groupId || ' ' || personId FROM membership ORDER BY groupId, personId",
        "SELECT 'recording', id FROM recording ORDER BY seq",
        "SELECT 'consent', recordingId FROM consent ORDER BY givenAt, id",
        "SELECT 'tombstone', recordingId FROM tombstone ORDER BY withdrawnAt, recordingId",
        "SELECT 'transcriptRevision', id::text FROM transcriptRevision ORDER BY id",
        "SELECT 'attempt', id FROM attempt ORDER BY seq",
        "SELECT 'mentoringPair', id FROM mentoringPair ORDER BY startsAt, id",
        "SELECT 'scenario', slug FROM scenario WHERE groupId IS NOT NULL ORDER BY slug",
        """
        SELECT 'scenarioRevision', r.syncId FROM scenarioRevision r JOIN scenario s ON s.slug = r.slug
        WHERE s.groupId IS NOT NULL ORDER BY r.slug, r.number
        """,
        "SELECT 'levelSetting', recordingId || ' ' || id FROM syncLevelSetting ORDER BY setAt, id",
    ].map { select in
        "INSERT INTO syncChange (seq, kind, itemId) SELECT nextval('syncChangeSeq'), kind, itemId FROM (\(select)) AS logged (kind, itemId)"
    }

    static let syncFunctions = [
        "CREATE FUNCTION parlons_now_ms() RETURNS BIGINT LANGUAGE sql VOLATILE AS $$ SELECT round(extract(epoch FROM clock_timestamp()) * 1000)::bigint $$",
        "CREATE FUNCTION parlons_sync_id() RETURNS TEXT LANGUAGE sql VOLATILE AS $$ SELECT left(replace(gen_random_uuid()::text, '-', ''), 24) $$",
        // Logs the row: the kind is the first argument, the item id the values of the columns the
        // others name (lower case), joined by spaces.
        """
        CREATE FUNCTION parlons_sync_log() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            fields JSONB := to_jsonb(NEW);
            item TEXT := '';
        BEGIN
            FOR i IN 1 .. TG_NARGS - 1 LOOP
                item := item || CASE WHEN i > 1 THEN ' ' ELSE '' END || (fields ->> TG_ARGV[i]);
            END LOOP;
            INSERT INTO syncChange (kind, itemId) VALUES (TG_ARGV[0], item);
            RETURN NULL;
        END
        $$
        """,
        // Numbers a change at commit, in the order the changes were made.
        """
        CREATE FUNCTION parlons_sync_number() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(\(syncNumberLock));
            UPDATE syncChange SET seq = nextval('syncChangeSeq') WHERE id = NEW.id AND seq IS NULL;
            RETURN NULL;
        END
        $$
        """,
        // Clocks move when editable fields change here, never when a write sets the clock itself
        // (a peer's change applied with its own clock).
        """
        CREATE FUNCTION parlons_sync_stamp_recording() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.sharingChangedAt = OLD.sharingChangedAt AND (NEW.visibility IS DISTINCT FROM OLD.visibility
                OR NEW.sharedWithMentor IS DISTINCT FROM OLD.sharedWithMentor) THEN
                NEW.sharingChangedAt := GREATEST(OLD.sharingChangedAt + 1, parlons_now_ms());
            END IF;
            IF NEW.editedAt = OLD.editedAt AND (NEW.title IS DISTINCT FROM OLD.title OR NEW.language IS DISTINCT FROM OLD.language
                OR NEW.picture IS DISTINCT FROM OLD.picture) THEN
                NEW.editedAt := GREATEST(OLD.editedAt + 1, parlons_now_ms());
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE FUNCTION parlons_sync_stamp_person() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.editedAt = OLD.editedAt AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.displayName IS DISTINCT FROM OLD.displayName
                OR NEW.avatar IS DISTINCT FROM OLD.avatar OR NEW.languages IS DISTINCT FROM OLD.languages) THEN
                NEW.editedAt := GREATEST(OLD.editedAt + 1, parlons_now_ms());
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE FUNCTION parlons_sync_stamp_group() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.editedAt = OLD.editedAt AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.picture IS DISTINCT FROM OLD.picture) THEN
                NEW.editedAt := GREATEST(OLD.editedAt + 1, parlons_now_ms());
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE FUNCTION parlons_sync_stamp_scenario() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.editedAt = OLD.editedAt AND NEW.visibility IS DISTINCT FROM OLD.visibility THEN
                NEW.editedAt := GREATEST(OLD.editedAt + 1, parlons_now_ms());
            END IF;
            RETURN NEW;
        END
        $$
        """,
        // A revision saved here is named and builds on every head of its transcript (an edit
        // settles a conflict); one from a peer arrives named.
        """
        CREATE FUNCTION parlons_sync_name_transcript_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.syncId IS NULL THEN
                NEW.syncId := parlons_sync_id();
                NEW.parents := COALESCE((SELECT string_agg(h.syncId, ' ' ORDER BY h.syncId) FROM transcriptRevision h
                    WHERE h.transcriptId = NEW.transcriptId AND NOT EXISTS (
                        SELECT 1 FROM transcriptRevision c WHERE c.transcriptId = NEW.transcriptId
                        AND position(' ' || h.syncId || ' ' IN ' ' || c.parents || ' ') > 0)), '');
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE FUNCTION parlons_sync_name_scenario_revision() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.syncId IS NULL THEN
                NEW.syncId := parlons_sync_id();
                NEW.parents := COALESCE((SELECT string_agg(h.syncId, ' ' ORDER BY h.syncId) FROM scenarioRevision h
                    WHERE h.slug = NEW.slug AND NOT EXISTS (
                        SELECT 1 FROM scenarioRevision c WHERE c.slug = NEW.slug
                        AND position(' ' || h.syncId || ' ' IN ' ' || c.parents || ' ') > 0)), '');
            END IF;
            RETURN NEW;
        END
        $$
        """,
        // Deletions are noted whichever code deletes; a transcript's keeps the latest time, and is
        // not noted when its recording went (a recording's deletion covers its transcripts).
        """
        CREATE FUNCTION parlons_sync_note_recording_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO syncDeletion (kind, recordingId, language, groupId, deletedAt)
            VALUES ('recording', OLD.id, '', OLD.groupId, parlons_now_ms()) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION parlons_sync_note_transcript_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM recording WHERE id = OLD.recordingId) THEN
                INSERT INTO syncDeletion (kind, recordingId, language, groupId, deletedAt)
                VALUES ('transcript', OLD.recordingId, OLD.language, (SELECT groupId FROM recording WHERE id = OLD.recordingId),
                        parlons_now_ms())
                ON CONFLICT (kind, recordingId, language) DO UPDATE SET deletedAt = GREATEST(syncDeletion.deletedAt, EXCLUDED.deletedAt);
            END IF;
            RETURN NULL;
        END
        $$
        """,
        // A level set by hand (a progress row with a setter) is noted once: progress replayed
        // from a setting that arrived notes nothing new.
        """
        CREATE FUNCTION parlons_sync_note_level_set() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO syncLevelSetting (id, personId, recordingId, step, level, setBy, setAt)
            SELECT parlons_sync_id(), NEW.personId, NEW.recordingId, NEW.step, NEW.level, NEW.setBy, NEW.levelSince
            WHERE NOT EXISTS (SELECT 1 FROM syncLevelSetting s WHERE s.recordingId = NEW.recordingId AND s.personId = NEW.personId
                AND s.step = NEW.step AND s.setAt = NEW.levelSince AND s.level = NEW.level);
            RETURN NULL;
        END
        $$
        """,
    ]

    static let syncTriggers = [
        """
        CREATE CONSTRAINT TRIGGER syncChange_number AFTER INSERT ON syncChange DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION parlons_sync_number()
        """,
        // Groups, people, memberships, mentoring pairs.
        "CREATE TRIGGER syncStampGroupEdit BEFORE UPDATE ON learningGroup FOR EACH ROW EXECUTE FUNCTION parlons_sync_stamp_group()",
        "CREATE TRIGGER syncLogGroup AFTER INSERT ON learningGroup FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('group', 'id')",
        """
        CREATE TRIGGER syncLogGroupChange AFTER UPDATE ON learningGroup FOR EACH ROW
        WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.picture IS DISTINCT FROM OLD.picture)
        EXECUTE FUNCTION parlons_sync_log('group', 'id')
        """,
        "CREATE TRIGGER syncStampPersonEdit BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION parlons_sync_stamp_person()",
        "CREATE TRIGGER syncLogPerson AFTER INSERT ON person FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('person', 'id')",
        """
        CREATE TRIGGER syncLogPersonEdit AFTER UPDATE ON person FOR EACH ROW WHEN (NEW.editedAt IS DISTINCT FROM OLD.editedAt)
        EXECUTE FUNCTION parlons_sync_log('person', 'id')
        """,
        """
        CREATE TRIGGER syncLogMembership AFTER INSERT ON membership FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_log('membership', 'groupid', 'personid')
        """,
        "CREATE TRIGGER syncLogMentoringPair AFTER INSERT ON mentoringPair FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('mentoringPair', 'id')",
        """
        CREATE TRIGGER syncLogMentoringPairEnd AFTER UPDATE ON mentoringPair FOR EACH ROW WHEN (NEW.endsAt IS DISTINCT FROM OLD.endsAt)
        EXECUTE FUNCTION parlons_sync_log('mentoringPair', 'id')
        """,
        // Recordings, their consents and withdrawals.
        "CREATE TRIGGER syncStampRecording BEFORE UPDATE ON recording FOR EACH ROW EXECUTE FUNCTION parlons_sync_stamp_recording()",
        "CREATE TRIGGER syncLogRecording AFTER INSERT ON recording FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('recording', 'id')",
        """
        CREATE TRIGGER syncLogRecordingChange AFTER UPDATE ON recording FOR EACH ROW
        WHEN (NEW.sharingChangedAt IS DISTINCT FROM OLD.sharingChangedAt OR NEW.editedAt IS DISTINCT FROM OLD.editedAt)
        EXECUTE FUNCTION parlons_sync_log('recording', 'id')
        """,
        "CREATE TRIGGER syncNoteRecordingDeleted AFTER DELETE ON recording FOR EACH ROW EXECUTE FUNCTION parlons_sync_note_recording_deleted()",
        "CREATE TRIGGER syncLogConsent AFTER INSERT ON consent FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('consent', 'recordingid')",
        "CREATE TRIGGER syncLogTombstone AFTER INSERT ON tombstone FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('tombstone', 'recordingid')",
        // Transcripts, attempts, levels set by hand, deletions.
        """
        CREATE TRIGGER syncNameRevision BEFORE INSERT ON transcriptRevision FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_name_transcript_revision()
        """,
        """
        CREATE TRIGGER syncLogRevision AFTER INSERT ON transcriptRevision FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_log('transcriptRevision', 'id')
        """,
        "CREATE TRIGGER syncNoteTranscriptDeleted AFTER DELETE ON transcript FOR EACH ROW EXECUTE FUNCTION parlons_sync_note_transcript_deleted()",
        "CREATE TRIGGER syncLogAttempt AFTER INSERT ON attempt FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('attempt', 'id')",
        """
        CREATE TRIGGER syncNoteLevelSet AFTER INSERT OR UPDATE ON progress FOR EACH ROW WHEN (NEW.setBy IS NOT NULL)
        EXECUTE FUNCTION parlons_sync_note_level_set()
        """,
        """
        CREATE TRIGGER syncLogLevelSetting AFTER INSERT ON syncLevelSetting FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_log('levelSetting', 'recordingid', 'id')
        """,
        """
        CREATE TRIGGER syncLogDeletion AFTER INSERT ON syncDeletion FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_log('deletion', 'kind', 'recordingid', 'language')
        """,
        """
        CREATE TRIGGER syncLogDeletionAgain AFTER UPDATE ON syncDeletion FOR EACH ROW WHEN (NEW.deletedAt IS DISTINCT FROM OLD.deletedAt)
        EXECUTE FUNCTION parlons_sync_log('deletion', 'kind', 'recordingid', 'language')
        """,
        // Scenarios and their revisions.
        "CREATE TRIGGER syncStampScenarioEdit BEFORE UPDATE ON scenario FOR EACH ROW EXECUTE FUNCTION parlons_sync_stamp_scenario()",
        "CREATE TRIGGER syncLogScenario AFTER INSERT ON scenario FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('scenario', 'slug')",
        """
        CREATE TRIGGER syncLogScenarioChange AFTER UPDATE ON scenario FOR EACH ROW
        WHEN (NEW.groupId IS DISTINCT FROM OLD.groupId OR NEW.visibility IS DISTINCT FROM OLD.visibility)
        EXECUTE FUNCTION parlons_sync_log('scenario', 'slug')
        """,
        """
        CREATE TRIGGER syncNameScenarioRevision BEFORE INSERT ON scenarioRevision FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_name_scenario_revision()
        """,
        """
        CREATE TRIGGER syncLogScenarioRevision AFTER INSERT ON scenarioRevision FOR EACH ROW
        EXECUTE FUNCTION parlons_sync_log('scenarioRevision', 'syncid')
        """,
    ]
}
