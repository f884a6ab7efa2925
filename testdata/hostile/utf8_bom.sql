ALTER TABLE orders ADD COLUMN a int;
DROP TABLE orders;
