BEGIN;
CREATE TABLE audit (id bigint, note text);
ALTER TABLE audit ALTER COLUMN note SET NOT NULL;
CREATE INDEX audit_note_idx ON audit (note);
COMMIT;
