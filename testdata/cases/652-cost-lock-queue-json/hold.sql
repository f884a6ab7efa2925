-- Another session reads orders and stays idle in transaction: it holds
-- ACCESS SHARE on orders until it ends.
BEGIN;
SELECT count(*) FROM orders;
