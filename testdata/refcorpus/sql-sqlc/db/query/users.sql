-- name: GetUserByEmail :one
SELECT id, name FROM users WHERE email = $1; -- pf-ref: users.email=sql

-- name: CreateUser :one
INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id; -- pf-ref: users.email=sql pf-decoy: insert:orders.region

-- name: CustomerEmails :many
SELECT email FROM customers; -- pf-decoy: users.email

-- name: UsersAndCustomers :many
SELECT u.email, c.email AS customer_email -- pf-ref: users.email=sql pf-decoy: users.email
FROM users u JOIN customers c ON c.name = u.name;

-- name: GetCoupon :one
SELECT percent_off FROM coupons WHERE code = $1; -- pf-ref: coupons=sql

-- name: BatchCodes :many
-- coupon_codes, not coupons  pf-decoy: coupons
SELECT code FROM coupon_codes WHERE batch = $1;

-- name: ExpireCoupons :exec
DELETE FROM coupons WHERE expires_at < now(); -- pf-ref: coupons=sql

-- name: ChangeEmail :exec
UPDATE users SET email = lower($2) WHERE id = $1; -- pf-ref: users.email=sql
