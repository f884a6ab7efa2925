-- What the application does all day: list the recent orders of the last
-- hours, which the planner answers with orders_created_at_idx.
SELECT id, customer_id, total_cents FROM orders
WHERE created_at > timestamptz '2026-06-01' ORDER BY created_at DESC LIMIT 20;
SELECT count(*) FROM orders
WHERE created_at BETWEEN timestamptz '2026-03-01' AND timestamptz '2026-03-02';
-- Publish this session's statistics now rather than within the next second,
-- so a check that follows sees every scan above.
SELECT pg_stat_force_next_flush();
SELECT 1;
