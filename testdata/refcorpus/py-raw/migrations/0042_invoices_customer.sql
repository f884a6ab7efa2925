-- Migrations of other tables: none of these touches orders.customer_id,
-- orders.notes, users.email or coupons.
ALTER TABLE invoices ADD COLUMN customer_id bigint; -- pf-decoy: orders.customer_id
ALTER TABLE invoices ADD COLUMN notes text; -- pf-decoy: orders.notes
UPDATE invoices i SET customer_id = 0 WHERE customer_id IS NULL; -- pf-decoy: orders.customer_id orders.customer_id
ALTER TABLE invoices ALTER COLUMN customer_id SET NOT NULL; -- pf-decoy: orders.customer_id
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id); -- pf-decoy: orders.customer_id orders.customer_id
ALTER TABLE shipments ADD COLUMN notes text; -- pf-decoy: orders.notes
ALTER TABLE shipments RENAME COLUMN client_id TO customer_id; -- pf-decoy: orders.customer_id
ALTER TABLE customers ADD COLUMN email text; -- pf-decoy: users.email
CREATE UNIQUE INDEX customers_email_idx ON customers (email); -- pf-decoy: users.email users.email
CREATE TABLE coupon_codes (id bigint PRIMARY KEY, code text, batch text); -- pf-decoy: coupons
COMMENT ON COLUMN shipments.notes IS 'carrier notes'; -- pf-decoy: orders.notes
