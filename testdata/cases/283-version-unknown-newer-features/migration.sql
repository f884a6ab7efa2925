-- No version known (no database, no --pg-version): the statements of cases 195, 197 and 280, none reported.
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
CREATE INDEX IF NOT EXISTS orders_created_idx ON orders (created_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
CREATE SEQUENCE IF NOT EXISTS invoice_numbers;
CREATE TABLE IF NOT EXISTS order_totals AS
  SELECT account_id, sum(total) AS total FROM orders GROUP BY account_id;
CREATE INDEX events_at_brin ON events USING brin (at);
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_owner ON accounts USING (owner = current_user);
ALTER TABLE import_rows SET LOGGED;
INSERT INTO settings (key, value) VALUES ('theme', 'dark')
  ON CONFLICT (key) DO NOTHING;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS region text;
CREATE TABLE line_items (
  qty int NOT NULL,
  price numeric NOT NULL,
  amount numeric GENERATED ALWAYS AS (qty * price) STORED
);
ALTER TABLE orders ADD COLUMN total_cents bigint
  GENERATED ALWAYS AS ((total * 100)::bigint) STORED;
CREATE INDEX CONCURRENTLY orders_account_idx ON orders (account_id) INCLUDE (total);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email) INCLUDE (name);
MERGE INTO accounts a USING staged_accounts s ON a.id = s.id
  WHEN MATCHED THEN UPDATE SET name = s.name
  WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name);
CREATE OR REPLACE TRIGGER orders_touch BEFORE UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER orders_audit AFTER INSERT ON orders
  FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TRIGGER orders_batch AFTER INSERT ON orders REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE PROCEDURE log_batch();
