package items

import "database/sql"

type Item struct {
	ID    int64
	Name  string
	Color string
}

// Writes a dropped value: high.
func Paint(db *sql.DB, id int64) error {
	_, err := db.Exec(`UPDATE items SET color = 'green' WHERE id = $1`, id)
	return err
}

// A struct literal keyed by the column's field: medium.
var Default = Item{Name: "x", Color: "green"}

// Kept values are not reported.
var Kept = Item{Name: "y", Color: "blue"}
