ALTER TABLE orders DROP COLUMN customer_id;
ALTER TABLE orders RENAME COLUMN total TO amount;
DROP TABLE customers;
