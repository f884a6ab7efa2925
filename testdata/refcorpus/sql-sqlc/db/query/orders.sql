-- name: GetOrdersByCustomer :many
-- customer_id is the owner.  pf-decoy: orders.customer_id
SELECT id, customer_id, status, notes -- pf-ref: orders.customer_id=sql orders.notes=sql
FROM orders
WHERE customer_id = $1 -- pf-ref: orders.customer_id=sql
ORDER BY created_at DESC;

-- name: CreateOrder :one
INSERT INTO orders (customer_id, status, notes) -- pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
VALUES ($1, $2, $3)
RETURNING id, customer_id; -- pf-ref: orders.customer_id=sql

-- name: UpdateOrderNotes :exec
UPDATE orders SET notes = $2 WHERE id = $1; -- pf-ref: orders.notes=sql

-- name: ReassignOrders :exec
UPDATE orders
SET customer_id = sqlc.arg(to_customer) -- pf-ref: orders.customer_id=sql
WHERE customer_id = sqlc.arg(from_customer); -- pf-ref: orders.customer_id=sql

-- name: InvoicesOfCustomer :many
SELECT id, customer_id, notes FROM invoices WHERE customer_id = $1; -- pf-decoy: orders.customer_id orders.notes orders.customer_id

-- name: OrdersWithInvoices :many
SELECT o.id, o.notes, i.notes AS invoice_notes -- pf-ref: orders.notes=sql pf-decoy: orders.notes
FROM orders o
JOIN invoices i ON i.order_id = o.id
WHERE o.customer_id = i.customer_id; -- pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id

-- name: CountPerCustomer :many
SELECT customer_id, count(*) -- pf-ref: orders.customer_id=sql
FROM orders
GROUP BY customer_id; -- pf-ref: orders.customer_id=sql

-- name: ShipmentNotes :many
SELECT s.notes, s.customer_id FROM shipments s WHERE s.order_id = $1; -- pf-decoy: orders.notes orders.customer_id

-- name: LatestNote :one
WITH last AS (
  SELECT customer_id, max(created_at) AS at FROM orders GROUP BY customer_id -- pf-ref: orders.customer_id=sql orders.customer_id=sql
)
SELECT customer_id FROM last WHERE at > now() - interval '1 day'; -- pf-decoy: orders.customer_id

-- name: UpsertOrder :exec
INSERT INTO orders (id, customer_id, notes) VALUES ($1, $2, $3) -- pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
ON CONFLICT (id) DO UPDATE SET notes = EXCLUDED.notes; -- pf-ref: orders.notes=sql orders.notes=sql

-- name: DeleteEmptyNotes :exec
DELETE FROM orders WHERE notes = ''; -- pf-ref: orders.notes=sql
