SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE TABLE payments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount numeric(12, 2));
CREATE TRIGGER payments_audit AFTER UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION audit();
