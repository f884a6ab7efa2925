-- No migration in the checked directory defines orders: only the catalog
-- says which columns have a DEFAULT and which are NOT NULL.
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint,
  status text DEFAULT 'new',
  notes text,
  region text NOT NULL DEFAULT 'eu',
  memo text DEFAULT ''
);
INSERT INTO orders (customer_id, notes, memo)
SELECT g, 'n', 'm' FROM generate_series(1, 100) g;
ANALYZE orders;
