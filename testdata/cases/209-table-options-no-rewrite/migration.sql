SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500;
ALTER TABLE orders SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01);
CREATE TABLE imports (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text);
ALTER TABLE imports SET UNLOGGED;
