; Structs that may map to tables (fields with db:"..." or gorm:"..." tags,
; or embedding gorm.Model); the tags are read in C.
(type_spec name: (type_identifier) type: (struct_type)) @struct

; GORM's table name override: func (Order) TableName() string { return "orders" }.
(method_declaration name: (field_identifier)) @method
