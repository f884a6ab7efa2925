SET lock_timeout = '2s';
SET statement_timeout = '30s';
REINDEX INDEX orders_status_idx;
REINDEX TABLE app.orders;
