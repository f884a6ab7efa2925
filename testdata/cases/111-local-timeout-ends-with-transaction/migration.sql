BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN region text;
COMMIT;
ALTER TABLE invoices ADD COLUMN region text;
