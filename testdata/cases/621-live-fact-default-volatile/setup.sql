CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
INSERT INTO accounts SELECT g, 'name ' || g FROM generate_series(1, 5000) g;
CREATE FUNCTION make_code() RETURNS text VOLATILE
  LANGUAGE sql AS $$SELECT md5(pg_catalog.random()::text)$$;
ANALYZE;
