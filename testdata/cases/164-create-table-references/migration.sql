-- The new table is not at risk, but its foreign key takes SHARE ROW
-- EXCLUSIVE on customers, an existing table.
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total_cents bigint CHECK (total_cents >= 0)
);
