-- What the application does all day: list the recent orders of the last
-- hours, which the planner answers with orders_created_at_idx.
SELECT id, customer_id, total_cents FROM orders
WHERE created_at > timestamptz '2026-06-01' ORDER BY created_at DESC LIMIT 20;
SELECT count(*) FROM orders
WHERE created_at BETWEEN timestamptz '2026-03-01' AND timestamptz '2026-03-02';
