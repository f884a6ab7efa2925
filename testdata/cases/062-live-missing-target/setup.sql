CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, notes text);
CREATE INDEX orders_notes_idx ON orders (notes);
