-- --pg-version 9.6: the statements of case 197, on a server that has them.
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
