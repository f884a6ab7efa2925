SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders RENAME COLUMN notes TO remarks;
UPDATE orders SET remarks = '' WHERE remarks IS NULL;
ALTER TABLE orders ALTER COLUMN remarks SET DEFAULT '';
COMMIT;
