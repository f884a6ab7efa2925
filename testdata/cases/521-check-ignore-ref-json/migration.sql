ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
