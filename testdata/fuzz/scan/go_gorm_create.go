package p
type Order struct {
	gorm.Model
	Base
	Notes *string `gorm:"column:notes;default:x"`
	Region sql.NullString `gorm:"embedded"`
}
func f(db *gorm.DB, pool *pgxpool.Pool) {
	db.Create(&Order{})
	var os []Order
	db.CreateInBatches(&os, 10)
	pool.CopyFrom(ctx, pgx.Identifier{"public", "orders"}, []string{"notes", x}, src)
	pool.CopyFrom(ctx, pgx.Identifier{}, []string{}, src)
}
