-- 0042_orders_cleanup.sql: the migration that took production down.

-- "Nobody uses this index any more."
DROP INDEX orders_created_at_idx;

-- Clearer name for the customer reference.
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;

-- Every order should have notes from now on.
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
