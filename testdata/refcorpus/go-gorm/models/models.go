package models

import (
	"time"

	"gorm.io/gorm"
)

// Order is a GORM model; GORM names its table "orders".
type Order struct {  // pf-ref: insert:orders.region=ins
	gorm.Model
	CustomerID uint // pf-ref: orders.customer_id=orm
	Customer   Customer
	Status     string
	Notes      *string // pf-ref: orders.notes=orm
	PlacedAt   time.Time
}

// Customer is a GORM model.
type Customer struct {
	gorm.Model
	Name  string
	Email string // pf-decoy: users.email
}

// Invoice has its own CustomerID.
type Invoice struct {  // pf-decoy: insert:orders.region
	gorm.Model
	OrderID    uint
	CustomerID uint // pf-decoy: orders.customer_id
	Notes      string // pf-decoy: orders.notes
}

// Account maps users with explicit columns.
type Account struct {
	ID    uint   `gorm:"primaryKey"`
	Login string `gorm:"column:email;uniqueIndex"` // pf-ref: users.email=orm
}

// TableName of Account.
func (Account) TableName() string { return "users" }

// Promo maps coupons.
type Promo struct {
	ID   uint   `gorm:"primaryKey"`
	Code string `gorm:"column:code"`
}

// TableName of Promo.
func (Promo) TableName() string { return "coupons" } // pf-ref: coupons=orm
