SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
CREATE INDEX orders_status_idx ON orders (status);
