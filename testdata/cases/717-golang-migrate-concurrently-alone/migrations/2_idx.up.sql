-- golang-migrate sends the file as one query: a single statement runs on
-- its own, outside any transaction block.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
