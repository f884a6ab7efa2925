-- migrate:up
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  amount numeric NOT NULL
);

-- migrate:down
DROP TABLE invoices;
