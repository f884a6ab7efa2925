CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, notes text, status text);
CREATE INDEX orders_status_idx ON orders (status);
