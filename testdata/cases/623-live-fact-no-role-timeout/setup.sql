CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
INSERT INTO accounts SELECT g, 'name ' || g FROM generate_series(1, 5000) g;
ANALYZE;
-- lock_timeout = 0 disables it: not a timeout that satisfies the rule.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L',
                 current_database(), '0');
END
$$;
