ALTER TABLE orders ADD COLUMN a int;
42;
DROP TABLE orders;
