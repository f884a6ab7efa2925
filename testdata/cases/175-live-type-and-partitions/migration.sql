SET lock_timeout = '2s';
-- binary coercible: no rewrite; name's CHECK is checked on every row again
ALTER TABLE users ALTER COLUMN bio TYPE text;
ALTER TABLE users ALTER COLUMN name TYPE text;
-- the database says measurement is partitioned
CREATE INDEX measurement_usls_idx ON measurement (unitsales);
-- and that old_idx is gone: IF EXISTS makes this a NOTICE, without a lock
DROP INDEX IF EXISTS old_idx;
