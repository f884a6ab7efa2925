package store

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/jmoiron/sqlx"
)

// Store wraps the database handle.
type Store struct {
	db *sqlx.DB
}

// OrdersForCustomer lists the orders of one customer, newest first.
func (s *Store) OrdersForCustomer(ctx context.Context, customerID int64) ([]Order, error) {
	var out []Order
	err := s.db.SelectContext(ctx, &out, `
		SELECT id, customer_id, notes, created_at, total_cents, status
		  FROM orders
		 WHERE customer_id = $1
		 ORDER BY created_at DESC`, customerID)
	return out, err
}

// TotalsByCustomer sums the orders per customer.
func (s *Store) TotalsByCustomer(ctx context.Context) (map[int64]int64, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT customer_id, sum(total_cents) FROM orders GROUP BY customer_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, total int64
		if err := rows.Scan(&id, &total); err != nil {
			return nil, err
		}
		out[id] = total
	}
	return out, rows.Err()
}

// Recent lists the orders created since a point in time (hot path).
func (s *Store) Recent(ctx context.Context, since time.Time) ([]Order, error) {
	var out []Order
	err := s.db.SelectContext(ctx, &out,
		"SELECT * FROM orders WHERE created_at >= $1 ORDER BY created_at", since)
	return out, err
}

// InvoicesForCustomer lists invoices; invoices.customer_id is not renamed.
func (s *Store) InvoicesForCustomer(ctx context.Context, customerID int64) ([]Invoice, error) {
	var out []Invoice
	err := s.db.SelectContext(ctx, &out, `
		SELECT i.id, i.customer_id, i.order_id, i.amount_cents
		  FROM invoices i
		  JOIN orders o ON o.id = i.order_id
		 WHERE i.customer_id = $1 AND o.status <> 'cancelled'`, customerID)
	return out, err
}

// Reassign moves every order of one customer to another.
func (s *Store) Reassign(ctx context.Context, from, to int64) error {
	if from == 0 {
		log.Printf("customer_id missing")
		return fmt.Errorf("customer_id missing")
	}
	_, err := s.db.ExecContext(ctx,
		"UPDATE orders SET customer_id = $1 "+
			"WHERE customer_id = $2", to, from)
	return err
}

// Insert stores a new order.
func (s *Store) Insert(ctx context.Context, o *Order) error {
	_, err := s.db.NamedExecContext(ctx, `INSERT INTO orders (customer_id, total_cents, status)
		VALUES (:customer_id, :total_cents, :status)`, o)
	return err
}
