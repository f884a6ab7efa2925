package worker

import "database/sql"

// Omits region: breaks.
func Insert(db *sql.DB, customerID int64) error {
	_, err := db.Exec(`INSERT INTO public.orders (customer_id, total)
		VALUES ($1, 0)`, customerID)
	return err
}

// Names region: fine.
func InsertRegion(db *sql.DB, customerID int64, region string) error {
	_, err := db.Exec(`INSERT INTO orders (customer_id, total, region) VALUES ($1, 0, $2)`,
		customerID, region)
	return err
}
