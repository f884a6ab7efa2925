-- The same as 640, in JSON: "dependency" and "query" evidence, with counts.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers,
                     total numeric(12,2), notes text,
                     total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders);
CREATE VIEW order_summary AS SELECT customer_id, sum(total) AS spent FROM orders GROUP BY customer_id;
CREATE MATERIALIZED VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE FUNCTION orders_of(c bigint) RETURNS SETOF bigint LANGUAGE sql STABLE
  AS $$ SELECT o.id FROM orders o WHERE o.customer_id = c $$;
CREATE FUNCTION customer_note(c bigint) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT notes FROM orders WHERE customer_id = c LIMIT 1);
END $$;
-- Names customer_id, but of another table: not a dependency of orders.
CREATE FUNCTION payments_of(c bigint) RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT count(*) FROM customers WHERE id = c $$;
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_orders ON orders USING (customer_id = 42);
CREATE PUBLICATION orders_pub FOR TABLE orders;
INSERT INTO customers VALUES (1, 'a'), (2, 'b');
INSERT INTO orders (id, customer_id, total) VALUES (1, 1, 10), (2, 2, 200);
-- Only this database: other cases may run at the same time.
SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0);
SELECT customer_id FROM orders WHERE id = 1;
SELECT customer_id FROM orders WHERE id = 1;
SELECT customer_id FROM orders WHERE id = 1;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id;
UPDATE orders SET customer_id = 2 WHERE id = 2;
SELECT x.total FROM orders x WHERE x.customer_id > 0;
SELECT count(*) FROM orders WHERE customer_id IS NULL;
DELETE FROM orders WHERE customer_id = 99;
-- customer_id of customers would be no reference to orders.customer_id.
SELECT id FROM customers WHERE name = 'customer_id';
SELECT total FROM orders WHERE id = 2;
ANALYZE;
