-- What a drop destroys: a column with values, a table with rows, a table
-- emptied by TRUNCATE ... CASCADE and by a DELETE without WHERE.
CREATE TABLE orders (id bigint PRIMARY KEY, notes text, total int);
INSERT INTO orders SELECT g, CASE WHEN g % 4 = 0 THEN 'n' || g END, g
  FROM generate_series(1, 1000) g;
CREATE TABLE sessions (id bigint, token text);
INSERT INTO sessions SELECT g, md5(g::text) FROM generate_series(1, 340) g;
CREATE TABLE customers (id bigint PRIMARY KEY);
INSERT INTO customers SELECT generate_series(1, 25);
CREATE TABLE invoices (id bigint, customer_id bigint REFERENCES customers);
CREATE TABLE audit_log (id bigint, what text);
INSERT INTO audit_log SELECT g, 'x' FROM generate_series(1, 7) g;
ANALYZE;
