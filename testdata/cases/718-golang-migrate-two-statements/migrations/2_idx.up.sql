-- Two statements in one query: PostgreSQL runs them as one transaction,
-- and CREATE INDEX CONCURRENTLY refuses to run in it.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
