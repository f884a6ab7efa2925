CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
INSERT INTO accounts SELECT g, 'name ' || g FROM generate_series(1, 5000) g;
ANALYZE;
-- The role that applies migrations has both timeouts, in this case's
-- database only; the role pgpreflight connects as (postgres) has none.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pf_case_655_migrator') THEN
    CREATE ROLE pf_case_655_migrator;
  END IF;
  EXECUTE format('ALTER ROLE pf_case_655_migrator IN DATABASE %I SET lock_timeout = %L',
                 current_database(), '3s');
  EXECUTE format('ALTER ROLE pf_case_655_migrator IN DATABASE %I SET statement_timeout = %L',
                 current_database(), '5min');
END
$$;
