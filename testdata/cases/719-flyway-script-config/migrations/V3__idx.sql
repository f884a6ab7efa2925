-- Alone, Flyway would run it outside a transaction; V3__idx.sql.conf
-- forces one, where CONCURRENTLY fails.
CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);
