-- Without a database or --pg-version the server's version is not known:
-- the 14.0-14.3 CONCURRENTLY bug is not guessed at on every safe build.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
