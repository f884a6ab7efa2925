// Package store reads and writes the shop database for the background worker.
package store

import "time"

// Order is one row of orders.
type Order struct {
	ID         int64     `db:"id"`
	CustomerID int64     `db:"customer_id"`
	Notes      *string   `db:"notes"`
	CreatedAt  time.Time `db:"created_at"`
	TotalCents int64     `db:"total_cents"`
	Status     string    `db:"status"`
}

// Invoice is one row of invoices; its customer_id is not orders.customer_id.
type Invoice struct {
	ID          int64 `db:"id"`
	CustomerID  int64 `db:"customer_id"`
	OrderID     int64 `db:"order_id"`
	AmountCents int64 `db:"amount_cents"`
}
