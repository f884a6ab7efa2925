SET lock_timeout = '1s';
SET statement_timeout = '10s';
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE orders RENAME COLUMN status TO state;
