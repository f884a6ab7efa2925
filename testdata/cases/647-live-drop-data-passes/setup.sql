-- Drops that destroy nothing: a column NULL in every row, a table never
-- written (no data pages), a table whose rows were all deleted (the probe
-- reads its pages), and an empty table truncated with CASCADE, whose
-- referencing tables are not counted (so it stays unverified).
CREATE TABLE orders (id bigint PRIMARY KEY, legacy_code text, total int);
INSERT INTO orders SELECT g, NULL, g FROM generate_series(1, 200) g;
CREATE TABLE drafts (id bigint, body text);
CREATE TABLE imports (id bigint, line text);
INSERT INTO imports SELECT g, 'l' FROM generate_series(1, 50) g;
DELETE FROM imports;
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE invoices (id bigint, customer_id bigint REFERENCES customers);
INSERT INTO invoices VALUES (1, NULL);
ANALYZE;
