CREATE UNIQUE INDEX CONCURRENTLY orders_key ON orders (status, created_at, customer_id, total_cents);
CREATE INDEX CONCURRENTLY orders_narrow_idx ON orders (status, created_at);
