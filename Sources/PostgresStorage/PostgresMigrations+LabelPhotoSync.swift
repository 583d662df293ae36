extension PostgresMigrations {
    /// Spoken labels and photos travel: what the embedded store's migration v21 made (shipped
    /// migrations never change: add a new one). A label's take or removal is logged as
    /// `spokenLabel` `language key`; a removal is kept (it beats an older take arriving later) and
    /// is later than the take it removes; a take recorded here is later than the removal or take it
    /// follows, whatever the clocks. Photos are edits of their person or group (the v4 stamps, with
    /// the photo columns).
    static let v5LabelPhotoSync = Migration(name: "v5 sync of spoken labels and photos", statements: [
        """
        CREATE TABLE syncLabelRemoval (
            language TEXT NOT NULL, key TEXT NOT NULL, removedAt BIGINT NOT NULL, PRIMARY KEY (language, key))
        """,
        """
        INSERT INTO syncChange (seq, kind, itemId)
        SELECT nextval('syncChangeSeq'), 'spokenLabel', language || ' ' || key FROM spokenLabel ORDER BY language, key
        """,
        // A removal (a take withdrawn or deleted with it, too: the label cascades) is later than its take.
        """
        CREATE FUNCTION parlons_sync_note_label_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO syncLabelRemoval (language, key, removedAt) VALUES (OLD.language, OLD.key, GREATEST(parlons_now_ms(), OLD.recordedAt + 1))
            ON CONFLICT (language, key) DO UPDATE SET removedAt = EXCLUDED.removedAt;
            INSERT INTO syncChange (kind, itemId) VALUES ('spokenLabel', OLD.language || ' ' || OLD.key);
            RETURN NULL;
        END
        $$
        """,
        // A take recorded here is later than the removal it follows; the removal then goes.
        """
        CREATE FUNCTION parlons_sync_stamp_label_take() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            removed BIGINT;
        BEGIN
            SELECT removedAt INTO removed FROM syncLabelRemoval WHERE language = NEW.language AND key = NEW.key;
            IF removed IS NOT NULL AND NEW.recordedAt <= removed THEN
                NEW.recordedAt := removed + 1;
            END IF;
            DELETE FROM syncLabelRemoval WHERE language = NEW.language AND key = NEW.key;
            RETURN NEW;
        END
        $$
        """,
        // A new take here is later than the one it replaces (a peer's clock may run ahead).
        """
        CREATE FUNCTION parlons_sync_stamp_label_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.recordingId IS DISTINCT FROM OLD.recordingId AND NEW.recordedAt <= OLD.recordedAt THEN
                NEW.recordedAt := OLD.recordedAt + 1;
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER syncStampLabelTake BEFORE INSERT ON spokenLabel FOR EACH ROW EXECUTE FUNCTION parlons_sync_stamp_label_take()",
        "CREATE TRIGGER syncStampLabel BEFORE UPDATE ON spokenLabel FOR EACH ROW EXECUTE FUNCTION parlons_sync_stamp_label_change()",
        "CREATE TRIGGER syncLogLabel AFTER INSERT ON spokenLabel FOR EACH ROW EXECUTE FUNCTION parlons_sync_log('spokenLabel', 'language', 'key')",
        """
        CREATE TRIGGER syncLogLabelChange AFTER UPDATE ON spokenLabel FOR EACH ROW
        WHEN (NEW.recordingId IS DISTINCT FROM OLD.recordingId OR NEW.recordedBy IS DISTINCT FROM OLD.recordedBy
            OR NEW.recordedAt IS DISTINCT FROM OLD.recordedAt)
        EXECUTE FUNCTION parlons_sync_log('spokenLabel', 'language', 'key')
        """,
        "CREATE TRIGGER syncNoteLabelRemoved AFTER DELETE ON spokenLabel FOR EACH ROW EXECUTE FUNCTION parlons_sync_note_label_removed()",
        // Photos are edits of their person or group: the later wins.
        """
        CREATE OR REPLACE FUNCTION parlons_sync_stamp_person() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.editedAt = OLD.editedAt AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.displayName IS DISTINCT FROM OLD.displayName
                OR NEW.avatar IS DISTINCT FROM OLD.avatar OR NEW.languages IS DISTINCT FROM OLD.languages
                OR NEW.avatarPhoto IS DISTINCT FROM OLD.avatarPhoto) THEN
                NEW.editedAt := GREATEST(OLD.editedAt + 1, parlons_now_ms());
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION parlons_sync_stamp_group() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.editedAt = OLD.editedAt AND (NEW.name IS DISTINCT FROM OLD.name OR NEW.picture IS DISTINCT FROM OLD.picture
                OR NEW.picturePhoto IS DISTINCT FROM OLD.picturePhoto) THEN
                NEW.editedAt := GREATEST(OLD.editedAt + 1, parlons_now_ms());
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "DROP TRIGGER syncLogGroupChange ON learningGroup",
        """
        CREATE TRIGGER syncLogGroupChange AFTER UPDATE ON learningGroup FOR EACH ROW
        WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.picture IS DISTINCT FROM OLD.picture OR NEW.picturePhoto IS DISTINCT FROM OLD.picturePhoto)
        EXECUTE FUNCTION parlons_sync_log('group', 'id')
        """,
    ])
}
