-- Reports run by hand; comments mention orders.customer_id but do not count.
CREATE VIEW customer_orders AS
SELECT c.id, c.name, count(o.id) AS n
  FROM customers c
  LEFT JOIN orders o ON o.customer_id = c.id -- pf: high
 GROUP BY c.id, c.name;

CREATE INDEX orders_customer_idx ON orders (customer_id); -- pf: high

SELECT customer_id FROM invoices;

this is not sql;

SELECT count(*) FROM orders WHERE customer_id IS NULL; -- pf: high
