-- No DEFAULT: NULL in every row, nothing to validate; only the lock on
-- customers.
ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);
-- A DEFAULT fills every row, and each is validated.
ALTER TABLE orders ADD COLUMN region_id bigint DEFAULT 1 REFERENCES regions;
