-- Reporting views kept in the repository.
CREATE OR REPLACE VIEW customer_order_counts AS
SELECT c.id, c.email, count(o.id) AS orders -- pf-decoy: users.email
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id -- pf-ref: orders.customer_id=sql
GROUP BY c.id, c.email; -- pf-decoy: users.email

CREATE OR REPLACE VIEW annotated_orders AS
SELECT id, customer_id, notes FROM orders WHERE notes IS NOT NULL; -- pf-ref: orders.customer_id=sql orders.notes=sql orders.notes=sql

CREATE OR REPLACE VIEW invoice_owners AS
SELECT i.id, i.customer_id FROM invoices i; -- pf-decoy: orders.customer_id

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id); -- pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id

CREATE INDEX IF NOT EXISTS invoices_customer_id_idx ON invoices (customer_id); -- pf-decoy: orders.customer_id orders.customer_id

CREATE OR REPLACE FUNCTION order_owner(order_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT customer_id FROM orders WHERE id = order_id $$; -- pf-ref: orders.customer_id=sql

COMMENT ON COLUMN invoices.notes IS 'free text'; -- pf-decoy: orders.notes

CREATE OR REPLACE FUNCTION touch_notes(p_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orders SET notes = coalesce(notes, '') || '.' WHERE id = p_id; -- pf-ref: orders.notes=sql orders.notes=sql
END;
$$;

CREATE OR REPLACE FUNCTION invoice_note(p_id bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v text;
BEGIN
  SELECT notes INTO v FROM invoices WHERE id = p_id; -- pf-decoy: orders.notes
  RETURN v;
END;
$$;
