CREATE INDEX CONCURRENTLY orders_wide_idx ON orders (status, created_at, customer_id, total_cents);
