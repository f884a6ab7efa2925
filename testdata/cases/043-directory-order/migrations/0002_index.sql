CREATE INDEX audit_note_idx ON audit (note);
ALTER TABLE audit ALTER COLUMN note SET NOT NULL;
