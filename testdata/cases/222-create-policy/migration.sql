SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orders
  USING (tenant_id = current_setting('app.tenant')::bigint);
DROP POLICY IF EXISTS old_policy ON orders;
