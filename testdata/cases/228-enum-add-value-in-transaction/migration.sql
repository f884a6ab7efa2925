SET lock_timeout = '2s';
SET statement_timeout = '30s';
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;
COMMIT;
