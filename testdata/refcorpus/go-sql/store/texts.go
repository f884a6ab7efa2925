package store

import (
	"fmt"
	"log"
)

// Invoice is not an order: its CustomerID is invoices.customer_id.
type Invoice struct {
	ID         int64
	CustomerID int64  // pf-decoy: orders.customer_id
	Notes      string // pf-decoy: orders.notes
}

// Labels for the CSV export: customer_id, notes, email.  pf-decoy: orders.customer_id orders.notes users.email
var Labels = map[string]string{
	"customer_id": "Customer", // pf-decoy: orders.customer_id
	"notes":       "Notes",    // pf-decoy: orders.notes
	"email":       "E-mail",   // pf-decoy: users.email
}

// Describe formats an invoice.
func Describe(inv Invoice) string {
	log.Printf("invoice customer_id=%d notes=%q", inv.CustomerID, inv.Notes) // pf-decoy: orders.customer_id orders.notes
	return fmt.Sprintf("%d", inv.CustomerID)
}

// Mailto builds a link.
func Mailto(email string) string { // pf-decoy: users.email
	return "mailto:" + email // pf-decoy: users.email
}

// CountCoupons counts the coupons in a slice.
func CountCoupons(coupons []string) int { // pf-decoy: coupons
	return len(coupons) // pf-decoy: coupons
}
