-- --pg-version 10: stored generated columns (12), INCLUDE (11), MERGE (15), CREATE OR REPLACE TRIGGER (14), EXECUTE FUNCTION (11); transition tables (10) pass.
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
