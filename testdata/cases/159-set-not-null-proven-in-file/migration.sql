-- The recommended pattern: a NOT NULL CHECK added NOT VALID, validated, then
-- SET NOT NULL, which PostgreSQL 12+ proves from the CHECK without a scan.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_nn CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_nn;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
