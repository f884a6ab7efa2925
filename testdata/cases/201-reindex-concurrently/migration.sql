SET lock_timeout = '2s';
SET statement_timeout = '30s';
REINDEX INDEX CONCURRENTLY orders_status_idx;
REINDEX (CONCURRENTLY) TABLE app.orders;
