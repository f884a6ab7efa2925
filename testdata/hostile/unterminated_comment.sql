ALTER TABLE orders ADD COLUMN a int;
/* a comment that never ends
DROP TABLE orders;
