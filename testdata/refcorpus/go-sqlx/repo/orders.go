package repo

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Order maps orders with sqlx tags.
type Order struct {  // pf-decoy: insert:orders.region
	ID       int64   `db:"id"`
	Customer int64   `db:"customer_id"` // pf-ref: orders.customer_id=orm
	Notes    *string `db:"notes"` // pf-ref: orders.notes=orm
	Status   string  `db:"status"`
}

// TableName ties Order to its table for the query helpers.
func (Order) TableName() string { return "orders" }

// Invoice maps invoices.
type Invoice struct {
	ID       int64   `db:"id"`
	Customer int64   `db:"customer_id"` // pf-decoy: orders.customer_id
	Notes    *string `db:"notes"` // pf-decoy: orders.notes
}

// TableName of Invoice.
func (Invoice) TableName() string { return "invoices" }

// User maps users.
type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"` // pf-ref: users.email=orm
}

// TableName of User.
func (User) TableName() string { return "users" }

// Repo wraps the database.
type Repo struct{ db *sqlx.DB }

// ByCustomer selects into the struct.
func (r *Repo) ByCustomer(ctx context.Context, customerID int64) ([]Order, error) { // pf-decoy: orders.customer_id
	var out []Order
	err := r.db.SelectContext(ctx, &out, `SELECT id, customer_id, notes, status FROM orders WHERE customer_id = $1`, customerID) // pf-ref: orders.customer_id=sql orders.notes=sql orders.customer_id=sql
	return out, err
}

// Insert uses named parameters.
func (r *Repo) Insert(ctx context.Context, o *Order) error {
	_, err := r.db.NamedExecContext(ctx, `INSERT INTO orders (customer_id, notes, status) VALUES (:customer_id, :notes, :status)`, o) // pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
	return err
}

// Invoices reads invoices.
func (r *Repo) Invoices(ctx context.Context, customerID int64) ([]Invoice, error) { // pf-decoy: orders.customer_id
	var out []Invoice
	err := r.db.SelectContext(ctx, &out, "SELECT id, customer_id, notes FROM invoices WHERE customer_id = $1", customerID) // pf-decoy: orders.customer_id orders.notes orders.customer_id
	return out, err
}

// Emails lists logins.
func (r *Repo) Emails(ctx context.Context) ([]string, error) {
	var out []string
	err := r.db.SelectContext(ctx, &out, "SELECT email FROM users") // pf-ref: users.email=sql
	return out, err
}

// In expands a list.
func (r *Repo) In(ctx context.Context, ids []int64) ([]Order, error) {
	q, args, err := sqlx.In("SELECT * FROM orders WHERE customer_id IN (?)", ids) // pf-ref: orders.customer_id=sql
	if err != nil {
		return nil, err
	}
	var out []Order
	err = r.db.SelectContext(ctx, &out, r.db.Rebind(q), args...)
	return out, err
}
