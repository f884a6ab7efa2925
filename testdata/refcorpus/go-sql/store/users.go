package store

import (
	"context"
	"database/sql"
	"fmt"
)

// UserByEmail finds a login.
func UserByEmail(ctx context.Context, db *sql.DB, email string) (int64, error) { // pf-decoy: users.email
	var id int64
	err := db.QueryRowContext(ctx, "SELECT id FROM users WHERE lower(email) = lower($1)", email).Scan(&id) // pf-ref: users.email=sql pf-decoy: users.email
	return id, err
}

// CustomerEmails is for the newsletter.
func CustomerEmails(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT email FROM customers WHERE email IS NOT NULL") // pf-decoy: users.email users.email
}

// Coupon looks a code up.
func Coupon(ctx context.Context, db *sql.DB, code string) (int, error) {
	var off int
	err := db.QueryRowContext(ctx, "SELECT percent_off FROM coupons WHERE code = $1", code).Scan(&off) // pf-ref: coupons=sql
	if err != nil {
		return 0, fmt.Errorf("coupons: %w", err) // pf-decoy: coupons
	}
	return off, nil
}

// Codes of a batch; coupon_codes is not coupons.
func Codes(ctx context.Context, db *sql.DB, batch string) (*sql.Rows, error) { // pf-decoy: coupons
	return db.QueryContext(ctx, "SELECT code FROM coupon_codes WHERE batch = $1", batch) // pf-decoy: coupons
}
