package models

import "gorm.io/gorm"

// OrdersOf uses GORM's string conditions.
func OrdersOf(db *gorm.DB, customerID uint) ([]Order, error) { // pf-decoy: orders.customer_id
	var out []Order
	err := db.Where("customer_id = ?", customerID).Order("created_at desc").Find(&out).Error // pf-ref: orders.customer_id=qb pf-decoy: orders.customer_id
	return out, err
}

// WithNotes selects columns.
func WithNotes(db *gorm.DB) ([]Order, error) {
	var out []Order
	err := db.Model(&Order{}).Select("id", "notes").Where("notes IS NOT NULL").Find(&out).Error // pf-ref: orders.notes=qb orders.notes=qb
	return out, err
}

// Raw SQL through GORM.
func Totals(db *gorm.DB) ([]map[string]any, error) {
	var out []map[string]any
	err := db.Raw("SELECT customer_id, count(*) FROM orders GROUP BY customer_id").Scan(&out).Error // pf-ref: orders.customer_id=sql orders.customer_id=sql
	return out, err
}

// InvoicesOf reads invoices.
func InvoicesOf(db *gorm.DB, customerID uint) ([]Invoice, error) { // pf-decoy: orders.customer_id
	var out []Invoice
	err := db.Where(&Invoice{CustomerID: customerID}).Find(&out).Error // pf-decoy: orders.customer_id orders.customer_id
	return out, err
}

// Reassign updates one column by struct field.
func Reassign(db *gorm.DB, from, to uint) error {
	return db.Model(&Order{}).Where(&Order{CustomerID: from}).Update("customer_id", to).Error // pf-ref: orders.customer_id=qb orders.customer_id=qb
}

// ByEmail finds a login.
func ByEmail(db *gorm.DB, email string) (Account, error) { // pf-decoy: users.email
	var a Account
	err := db.Where("email = ?", email).First(&a).Error // pf-ref: users.email=qb pf-decoy: users.email
	return a, err
}

// Place creates an order.
func Place(db *gorm.DB) error {
	return db.Create(&Order{Status: "new"}).Error // pf-ref: insert:orders.region=ins
}

// Draft creates an order in two steps.
func Draft(db *gorm.DB) error {
	o := Order{Status: "draft"}
	return db.Create(&o).Error // pf-ref: insert:orders.region=ins
}

// BillLater creates an invoice in two steps.
func BillLater(db *gorm.DB) error {
	i := Invoice{OrderID: 1}
	return db.Create(&i).Error // pf-decoy: insert:orders.region
}

// Bill creates an invoice.
func Bill(db *gorm.DB, orderID uint) error {
	return db.Create(&Invoice{OrderID: orderID}).Error // pf-decoy: insert:orders.region
}
