package app

type Order struct {
	CustomerID int64 `gorm:"column:customer_id" db:"customer_id"`
}

func (Order) TableName() string { return "orders" }

const q = `SELECT customer_id FROM orders WHERE id = $1`
