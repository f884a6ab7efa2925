CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL,
  notes text,
  status text DEFAULT 'new'
);
