-- Alone in its file: Flyway sees a non-transactional statement and runs
-- the file outside a transaction (no finding).
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
