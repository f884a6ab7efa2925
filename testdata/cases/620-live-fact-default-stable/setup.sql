-- public.random() shadows nothing (pg_catalog comes first on the path) but
-- has the name the static list guesses volatile; the catalog says stable.
CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
INSERT INTO accounts SELECT g, 'name ' || g FROM generate_series(1, 5000) g;
CREATE FUNCTION public.random() RETURNS double precision STABLE
  LANGUAGE sql AS 'SELECT 0.5::float8';
ANALYZE;
