CREATE TABLE orders (id bigint PRIMARY KEY, total int, code text);
INSERT INTO orders SELECT g, g, 'c' FROM generate_series(1, 100) g;
CREATE FUNCTION is_valid_code(text) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS $$ SELECT $1 <> '' $$;
CREATE TABLE audit (x int);
