SET lock_timeout = '2s';
ALTER TABLE orders DROP CONSTRAINT orders_customer_nn;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
