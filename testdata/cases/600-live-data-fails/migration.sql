-- One of each data-dependent change, over data that breaks each of them.
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_notes_not_null CHECK (notes IS NOT NULL) NOT VALID;
ALTER TABLE events ADD PRIMARY KEY (event_id);
ALTER TABLE orders ADD COLUMN region text NOT NULL;
ALTER TABLE orders ALTER COLUMN code TYPE varchar(3);
ALTER TABLE orders ALTER COLUMN flag TYPE integer USING flag::integer;
ALTER TABLE orders ALTER COLUMN ext_id TYPE integer;
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
