-- Queries compiled by sqlc for the worker.

-- name: CountOrdersByCustomer :one
SELECT count(*) FROM orders WHERE customer_id = $1;

-- name: OrdersCreatedSince :many
SELECT id, status FROM orders WHERE created_at >= $1 ORDER BY created_at;

-- name: InvoiceCountByCustomer :one
SELECT count(*) FROM invoices WHERE customer_id = $1;
