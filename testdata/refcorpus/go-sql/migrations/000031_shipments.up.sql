CREATE TABLE IF NOT EXISTS shipments (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL,
  customer_id bigint NOT NULL, -- pf-decoy: orders.customer_id
  carrier text,
  notes text -- pf-decoy: orders.notes
);
CREATE INDEX shipments_customer_id ON shipments (customer_id); -- pf-decoy: orders.customer_id
INSERT INTO shipments (id, order_id, customer_id, notes) SELECT 1, 1, 1, 'seed'; -- pf-decoy: insert:orders.region orders.customer_id orders.notes
