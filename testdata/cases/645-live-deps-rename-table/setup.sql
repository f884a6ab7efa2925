-- RENAME TO: views and foreign keys follow the rename; a function body and
-- the recorded queries keep the old name.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric);
CREATE TABLE payments (id bigint PRIMARY KEY, invoice_id bigint REFERENCES invoices);
CREATE VIEW open_invoices AS SELECT id FROM invoices WHERE amount > 0;
CREATE FUNCTION invoice_total() RETURNS numeric LANGUAGE sql STABLE
  AS $$ SELECT sum(amount) FROM invoices $$;
CREATE TABLE invoices_archive (id bigint, amount numeric);
CREATE FUNCTION archive_total() RETURNS numeric LANGUAGE sql STABLE
  AS $$ SELECT sum(amount) FROM invoices_archive $$;
SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
SELECT i.amount FROM invoices i WHERE i.id = 1;
SELECT i.amount FROM invoices i WHERE i.id = 2;
SELECT count(*) FROM invoices_archive;
ANALYZE;
