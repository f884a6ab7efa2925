-- Outside a transaction, but every statement can be re-run.
CREATE TABLE IF NOT EXISTS audit_log (id bigint, note text);
CREATE INDEX IF NOT EXISTS audit_log_id_idx ON audit_log (id);
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS actor text;
ALTER TABLE audit_log DROP COLUMN IF EXISTS note;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_check;
DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;
DROP TABLE IF EXISTS legacy_orders;
