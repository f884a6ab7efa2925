-- The first steps ran in an earlier migration: NOT VALID constraints.
CREATE TABLE customers (id bigint PRIMARY KEY);
INSERT INTO customers SELECT g FROM generate_series(1, 100) g;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(12,2),
                     notes text);
INSERT INTO orders SELECT g, CASE WHEN g % 40 = 0 THEN 1000 + g ELSE g % 100 + 1 END,
  g - 5, CASE WHEN g % 50 = 0 THEN NULL ELSE 'n' END
  FROM generate_series(1, 400) g;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_notes_not_null CHECK (notes IS NOT NULL) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_id_positive CHECK (id > 0) NOT VALID;
