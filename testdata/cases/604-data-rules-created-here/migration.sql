-- The tables are created here: empty, nothing to verify, no data finding.
CREATE TABLE customers (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint, customer_id bigint, total numeric(12,2), code text);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
ALTER TABLE orders ADD PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0);
ALTER TABLE orders ALTER COLUMN code TYPE varchar(3);
