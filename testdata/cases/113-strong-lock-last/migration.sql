SET lock_timeout = '2s';
BEGIN;
UPDATE orders SET notes = '' WHERE notes IS NULL;
ALTER TABLE orders RENAME COLUMN notes TO remarks;
COMMIT;
