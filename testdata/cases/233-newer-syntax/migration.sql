SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders ALTER COLUMN total SET EXPRESSION AS (price * qty);
MERGE INTO stock s USING deliveries d ON s.item = d.item
  WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty
  RETURNING s.*;
ALTER TABLE orders ADD COLUMN price_cents bigint GENERATED ALWAYS AS (price * 100) VIRTUAL;
SELECT * FROM (SELECT 1);
