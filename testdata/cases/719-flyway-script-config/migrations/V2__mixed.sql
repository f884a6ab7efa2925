-- Mixed: Flyway would refuse it, but its script configuration
-- (V2__mixed.sql.conf) says executeInTransaction=false: it runs as it is.
ALTER TABLE orders ADD COLUMN note text;
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
