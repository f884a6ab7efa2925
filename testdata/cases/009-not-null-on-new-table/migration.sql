BEGIN;
CREATE TABLE audit_log (id bigint, note text);
ALTER TABLE audit_log ALTER COLUMN note SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN id TYPE numeric;
CREATE INDEX audit_log_id_idx ON audit_log (id);
COMMIT;
