CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, notes text);
INSERT INTO orders SELECT g, g % 100, 'n' FROM generate_series(1, 2000) g;
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
INSERT INTO customers SELECT g, 'c' FROM generate_series(1, 100) g;
VACUUM ANALYZE;
