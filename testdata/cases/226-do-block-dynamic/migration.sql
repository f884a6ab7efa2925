SET lock_timeout = '2s';
SET statement_timeout = '30s';
DO $$
DECLARE
  t text;
BEGIN
  CREATE INDEX orders_status_idx ON orders (status);
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'archive' LOOP
    EXECUTE format('ALTER TABLE archive.%I SET UNLOGGED', t);
  END LOOP;
END
$$;
