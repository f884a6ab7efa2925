SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE TABLE invoices (id bigint PRIMARY KEY, tenant_id bigint NOT NULL);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
  USING (tenant_id = current_setting('app.tenant')::bigint);
