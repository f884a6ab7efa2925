-- A foreign key needs the unique index and the primary key being dropped.
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
CREATE TABLE orders (id bigint PRIMARY KEY,
                     customer_id bigint REFERENCES customers (id),
                     customer_email text REFERENCES customers (email));
CREATE INDEX orders_free_idx ON orders (customer_email);
ANALYZE;
