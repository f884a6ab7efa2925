-- The demo database: orders and two neighbours (invoices also has a
-- customer_id, which the code scan must not confuse with orders').
CREATE TABLE customers (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL
);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  notes text,
  status text NOT NULL DEFAULT 'new',
  total_cents integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The hot index: the application lists recent orders through it.
CREATE INDEX orders_created_at_idx ON orders (created_at);

CREATE TABLE invoices (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  order_id bigint NOT NULL REFERENCES orders (id),
  amount_cents integer NOT NULL
);
