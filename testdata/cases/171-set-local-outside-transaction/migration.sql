-- SET LOCAL outside a transaction block does nothing (PostgreSQL warns).
SET LOCAL lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN region text;
