SET lock_timeout = '1s';
ALTER TABLE orders ALTER COLUMN customer_id SET DEFAULT 0;
