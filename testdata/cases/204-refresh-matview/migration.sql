SET lock_timeout = '2s';
SET statement_timeout = '30s';
REFRESH MATERIALIZED VIEW order_totals;
