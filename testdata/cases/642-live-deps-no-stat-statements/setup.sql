-- pg_stat_statements is not installed in this database: said once, and the
-- dependency checks go on.
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, notes text);
CREATE VIEW order_customers AS SELECT id, customer_id FROM orders;
ANALYZE;
