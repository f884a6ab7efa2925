// Package jobs runs maintenance over pgx.
package jobs

import (
	"context"
	"io"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Stale closes old orders and stamps their notes.
func Stale(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, `UPDATE orders SET notes = 'stale' WHERE created_at < now() - interval '90 days'`) // pf-ref: orders.notes=sql
	return err
}

// Owners returns the customer of each order.
func Owners(ctx context.Context, pool *pgxpool.Pool, ids []int64) (map[int64]int64, error) {
	rows, err := pool.Query(ctx, "SELECT id, customer_id FROM orders WHERE id = ANY($1)", ids) // pf-ref: orders.customer_id=sql
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, customerID int64
		if err := rows.Scan(&id, &customerID); err != nil {
			return nil, err
		}
		out[id] = customerID
	}
	slog.Info("loaded customer_id of orders", "n", len(out)) // pf-decoy: orders.customer_id
	return out, rows.Err()
}

// Mail lists the people to notify.
func Mail(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	rows, err := pool.Query(ctx, `
		SELECT u.email -- pf-ref: users.email=sql
		  FROM users u
		 WHERE u.created_at > now() - interval '7 days'
		UNION
		SELECT c.email FROM customers c`) // pf-decoy: users.email
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var email string // pf-decoy: users.email
		if err := rows.Scan(&email); err != nil { // pf-decoy: users.email
			return nil, err
		}
		out = append(out, email) // pf-decoy: users.email
	}
	return out, rows.Err()
}

// Batch copies notes from orders into shipments.
func Batch(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, `
		UPDATE shipments s
		   SET notes = o.notes, customer_id = o.customer_id -- pf-ref: orders.notes=sql orders.customer_id=sql pf-decoy: orders.notes orders.customer_id
		  FROM orders o
		 WHERE o.id = s.order_id`)
	return err
}

// Coupons counts live coupons.
func Coupons(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	var n int
	err := pool.QueryRow(ctx, "SELECT count(*) FROM coupons WHERE expires_at > now()").Scan(&n) // pf-ref: coupons=sql
	return n, err
}

// Delete removes a customer's orders.
func Delete(ctx context.Context, pool *pgxpool.Pool, customerID int64) error { // pf-decoy: orders.customer_id
	_, err := pool.Exec(ctx, "DELETE FROM orders WHERE customer_id = $1 AND notes IS NULL", customerID) // pf-ref: orders.customer_id=sql orders.notes=sql pf-decoy: orders.customer_id
	return err
}

// Import loads orders from CSV.
func Import(ctx context.Context, pool *pgxpool.Pool, r io.Reader) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	_, err = conn.Conn().PgConn().CopyFrom(ctx, r, "COPY orders (status, total_cents) FROM STDIN WITH (FORMAT csv)") // pf-ref: insert:orders.region=ins
	return err
}

// ImportRows copies rows through the driver's API: no SQL text.
func ImportRows(ctx context.Context, pool *pgxpool.Pool, rows [][]any) error {
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"orders"}, []string{"status", "total_cents"}, pgx.CopyFromRows(rows)) // pf-ref: insert:orders.region=ins
	if err != nil {
		return err
	}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"public", "shipments"}, []string{"order_id", "carrier"}, pgx.CopyFromRows(rows)) // pf-decoy: insert:orders.region
	return err
}
