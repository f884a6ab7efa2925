BEGIN;
SET lock_timeout = '2s';
ALTER TABLE public.orders
  ADD COLUMN region text NOT NULL DEFAULT 'eu',
  ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY,
  ALTER COLUMN total TYPE numeric(12,2) USING total::numeric,
  ALTER COLUMN notes SET NOT NULL,
  ALTER COLUMN notes DROP DEFAULT,
  DROP COLUMN legacy CASCADE,
  ADD CONSTRAINT orders_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID,
  ADD CONSTRAINT orders_chk CHECK (total > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_fk;
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
ALTER TABLE orders RENAME TO orders2;
COMMIT;
