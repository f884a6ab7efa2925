CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL,
  total numeric,
  notes text,
  status text DEFAULT 'new',
  channel text NOT NULL DEFAULT 'web'
);
