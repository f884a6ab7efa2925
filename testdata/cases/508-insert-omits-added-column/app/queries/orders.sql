-- name: CreateOrder :one
INSERT INTO orders (customer_id, total) VALUES ($1, $2) RETURNING id;

-- name: CreateOrderInRegion :one
INSERT INTO orders (customer_id, total, region) VALUES ($1, $2, $3) RETURNING id;
