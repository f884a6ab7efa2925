-- Flyway refuses a file that mixes both kinds (mixed=false by default).
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);
