-- The test server is PostgreSQL 15: not affected.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
