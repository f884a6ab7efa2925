-- No transaction: a failure half way leaves the first statements applied,
-- and a re-run fails on them.
CREATE TABLE audit_log (id bigint, note text);
create index audit_log_id_idx on audit_log (id);
ALTER TABLE audit_log ADD COLUMN actor text;
ALTER TABLE audit_log DROP COLUMN note;
ALTER TABLE orders DROP CONSTRAINT orders_total_check;
DROP INDEX CONCURRENTLY orders_legacy_idx;
DROP TABLE legacy_orders;
CREATE INDEX ON audit_log (actor);
