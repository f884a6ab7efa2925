// Package store keeps orders in PostgreSQL through database/sql.
package store

import (
	"context"
	"database/sql"
	"log"
)

// Order is one row of orders.
type Order struct {
	ID         int64
	CustomerID int64 // customer_id  pf-decoy: orders.customer_id
	Notes      sql.NullString
}

// OrdersOf lists a customer's orders.
func OrdersOf(ctx context.Context, db *sql.DB, customerID int64) ([]Order, error) {
	rows, err := db.QueryContext(ctx,
		"SELECT id, customer_id, notes FROM orders WHERE customer_id = $1", customerID) // pf-ref: orders.customer_id=sql orders.notes=sql orders.customer_id=sql
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Notes); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

const insertOrder = `
INSERT INTO orders (customer_id, status, notes) -- pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
VALUES ($1, 'new', $2)
RETURNING id`

// Create adds an order.
func Create(ctx context.Context, db *sql.DB, customerID int64, notes string) (int64, error) {
	log.Printf("create order customer_id=%d", customerID) // pf-decoy: orders.customer_id
	var id int64
	err := db.QueryRowContext(ctx, insertOrder, customerID, notes).Scan(&id)
	return id, err
}

// Reassign moves orders to another customer.
func Reassign(ctx context.Context, db *sql.DB, from, to int64) error {
	_, err := db.ExecContext(ctx, `
		UPDATE orders
		   SET customer_id = $2 -- pf-ref: orders.customer_id=sql
		 WHERE customer_id = $1`, from, to) // pf-ref: orders.customer_id=sql
	return err
}

// InvoiceOwners reads invoices, which have their own customer_id.
func InvoiceOwners(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT i.customer_id, i.notes FROM invoices i JOIN orders o ON o.id = i.order_id") // pf-decoy: orders.customer_id orders.notes
}

// Joined compares both owners.
func Joined(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, `SELECT o.id FROM orders o JOIN invoices i ON i.order_id = o.id
		WHERE o.customer_id <> i.customer_id AND o.notes IS NULL`) // pf-ref: orders.customer_id=sql orders.notes=sql pf-decoy: orders.customer_id
}

// ClearNotes empties the notes of old orders.
func ClearNotes(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "UPDATE orders SET notes = NULL WHERE created_at < now() - interval '1 year'") // pf-ref: orders.notes=sql
	return err
}

// ShipmentNotes reads shipments.
func ShipmentNotes(ctx context.Context, db *sql.DB, orderID int64) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT notes, customer_id FROM shipments WHERE order_id = $1", orderID) // pf-decoy: orders.notes orders.customer_id
}

var notesHeader = "notes" // pf-decoy: orders.notes
