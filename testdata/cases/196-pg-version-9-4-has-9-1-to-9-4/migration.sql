-- --pg-version 9.4: the statements of case 195, on a server that has them.
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, name text);
ALTER TABLE orders ADD CONSTRAINT orders_account_fk
  FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;
ALTER TYPE order_status ADD VALUE 'refunded';
CREATE EXTENSION pgcrypto;
CREATE UNLOGGED TABLE import_rows (id bigint, payload text);
ALTER TABLE accounts ADD CONSTRAINT accounts_name_key UNIQUE USING INDEX accounts_name_idx;
DROP INDEX CONCURRENTLY orders_old_idx;
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
ALTER TABLE orders ADD COLUMN meta json;
CREATE TYPE price_range AS RANGE (subtype = numeric);
CREATE INDEX orders_region_idx ON orders USING spgist (region);
CREATE SCHEMA IF NOT EXISTS reporting;
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'disputed';
CREATE MATERIALIZED VIEW reporting.daily_totals AS
  SELECT created_at::date AS day, sum(total) AS total FROM orders GROUP BY 1;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE PROCEDURE log_ddl();
ALTER TABLE orders ADD COLUMN details jsonb;
REFRESH MATERIALIZED VIEW CONCURRENTLY reporting.daily_totals;
ALTER SYSTEM SET log_min_duration_statement = '500ms';
