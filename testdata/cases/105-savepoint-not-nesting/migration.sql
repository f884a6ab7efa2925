BEGIN;
SET LOCAL lock_timeout = '2s';
SAVEPOINT before_region;
ALTER TABLE orders ADD COLUMN region text;
RELEASE SAVEPOINT before_region;
COMMIT;
