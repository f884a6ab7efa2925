SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_nn CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
