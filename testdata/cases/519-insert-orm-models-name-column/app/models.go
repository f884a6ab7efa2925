package worker

type Order struct {
	ID     uint
	Region string `gorm:"not null"` // the zero value "" is written
}

func (Order) TableName() string { return "orders" }

func place(db *gorm.DB) { db.Create(&Order{}) }
