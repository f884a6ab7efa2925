-- Seed data: 50,000 orders, exactly 12,000 of them with notes IS NULL
-- (6 of every 25 rows).
INSERT INTO customers (name, email)
SELECT 'customer ' || g, 'customer' || g || '@example.com'
FROM generate_series(1, 1000) AS g;

INSERT INTO orders (customer_id, notes, status, total_cents, created_at)
SELECT 1 + (g % 1000),
       CASE WHEN g % 25 < 6 THEN NULL ELSE 'note for order ' || g END,
       (ARRAY['new', 'paid', 'shipped'])[1 + g % 3],
       100 + (g * 37) % 90000,
       timestamptz '2026-01-01' + g * interval '5 minutes'
FROM generate_series(1, 50000) AS g;

INSERT INTO invoices (customer_id, order_id, amount_cents)
SELECT o.customer_id, o.id, o.total_cents
FROM orders o
WHERE o.id % 3 = 0;

-- VACUUM makes pg_class.reltuples an exact count (ANALYZE alone samples
-- 30,000 rows and estimates), so the reported table size is reproducible.
VACUUM ANALYZE;
