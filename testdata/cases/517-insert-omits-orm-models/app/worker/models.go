// Package worker writes orders with GORM.
package worker

import "gorm.io/gorm"

// Order has no Region field.
type Order struct {
	gorm.Model
	CustomerID uint
}

// Parcel maps region through a pointer: nil is NULL.
type Parcel struct {
	ID   uint
	Area *string `gorm:"column:region"`
}

func (Parcel) TableName() string { return "orders" }

// Row is read with sqlx: its INSERTs are SQL text.
type Row struct {
	ID    int64  `db:"id"`
	Notes string `db:"notes"`
}

func place(db *gorm.DB, customerID uint) error {
	return db.Create(&Order{CustomerID: customerID}).Error
}
