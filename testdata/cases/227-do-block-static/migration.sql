SET lock_timeout = '2s';
SET statement_timeout = '30s';
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_name = 'orders' AND column_name = 'client_id') THEN
    ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
  END IF;
END
$$;
