package shop

import "gorm.io/gorm"

// Purchase is stored in "orders" (see TableName in tables.go).
type Purchase struct {
	gorm.Model
	CustomerID uint // pf: high
	Notes      string
}

// Order maps to "orders" by GORM's naming convention.
type Order struct {
	ID    uint
	Buyer uint `gorm:"column:customer_id;not null"` // pf: high
}

// Invoice maps to "invoices".
type Invoice struct {
	ID         uint `gorm:"primaryKey"`
	CustomerID uint
}

// OrderView is a plain DTO without db tags.
type OrderView struct {
	CustomerID uint `json:"customer_id"`
}

// Skipped: db:"-".
type Order2 struct {
	CustomerID uint `db:"-"`
}
