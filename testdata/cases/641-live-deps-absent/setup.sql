-- Nothing depends on the dropped and renamed objects, and no recorded query
-- uses them; a CASCADE drop does not fail.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers,
                     legacy_code text, total numeric(12,2));
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE TABLE audit (id bigint PRIMARY KEY, note text);
CREATE VIEW audit_notes AS SELECT note FROM audit;
-- Names legacy_code, but of another table.
CREATE TABLE imports (legacy_code text);
CREATE FUNCTION import_codes() RETURNS SETOF text LANGUAGE sql STABLE
  AS $$ SELECT legacy_code FROM imports $$;
INSERT INTO orders (id, total) VALUES (1, 10);
SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
SELECT total FROM orders WHERE id = 1;
SELECT legacy_code FROM imports;
ANALYZE;
