ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
CREATE INDEX orders_status_idx ON orders (status);
