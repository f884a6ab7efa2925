BEGIN;
SET LOCAL lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN region text;
COMMIT;
COMMIT;
