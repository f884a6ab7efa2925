CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
INSERT INTO accounts SELECT g, 'name ' || g FROM generate_series(1, 5000) g;
ANALYZE;
-- Settings scoped to this case's database only.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L',
                 current_database(), '2s');
  EXECUTE format('ALTER ROLE CURRENT_USER IN DATABASE %I SET statement_timeout = %L',
                 current_database(), '1min');
END
$$;
