-- Inside BEGIN ... COMMIT a failure rolls everything back: a re-run is safe.
BEGIN;
CREATE TABLE audit_log (id bigint, note text);
CREATE INDEX audit_log_id_idx ON audit_log (id);
ALTER TABLE audit_log ADD COLUMN actor text;
ALTER TABLE audit_log DROP COLUMN note;
DROP TABLE legacy_orders;
COMMIT;
