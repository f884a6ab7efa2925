-- --pg-version 14.2: the server has the bug fixed in 14.4.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
REINDEX INDEX CONCURRENTLY orders_created_at_idx;
