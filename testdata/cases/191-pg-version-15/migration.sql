-- --pg-version 15: the same statements as case 190, on a current server.
REINDEX INDEX orders_status_idx;
REINDEX INDEX CONCURRENTLY orders_total_idx;
ALTER TABLE sales DETACH PARTITION sales_2023;
ALTER TABLE sales DETACH PARTITION sales_2022 CONCURRENTLY;
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)
  NULLS NOT DISTINCT;
ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu';
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
COMMIT;
