-- --pg-version 14.4: fixed there.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
