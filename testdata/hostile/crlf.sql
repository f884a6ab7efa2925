ALTER TABLE orders
  ADD COLUMN a int NOT NULL;
-- comment
CREATE INDEX orders_a_idx
  ON orders (a);
SELECT 1 +;
