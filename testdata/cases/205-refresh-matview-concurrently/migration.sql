SET lock_timeout = '2s';
SET statement_timeout = '30s';
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
-- a view created by this migration is not in use yet
CREATE MATERIALIZED VIEW daily_totals AS
  SELECT created_at::date AS day, sum(total) AS total FROM orders GROUP BY 1
  WITH NO DATA;
REFRESH MATERIALIZED VIEW daily_totals;
