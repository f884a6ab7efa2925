package shop

// TableName overrides GORM's table name.
func (Purchase) TableName() string { return "orders" }

func lookups(db *DB, id int) {
	db.Raw("SELECT * FROM orders WHERE customer_id = ?", id) // pf: high
	db.Raw(`SELECT * FROM invoices WHERE customer_id = ?`, id)
	db.Where("customer_id = ?", id).Find(&Purchase{}) // pf: high
}
