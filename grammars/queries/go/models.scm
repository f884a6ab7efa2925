; Structs that may map to tables (fields with db:"..." or gorm:"..." tags,
; or embedding gorm.Model); the tags are read in C.
(type_spec name: (type_identifier) type: (struct_type)) @struct

; GORM's table name override: func (Order) TableName() string { return "orders" }.
(method_declaration name: (field_identifier)) @method

; GORM query chains (db.Model(&Order{}).Where("customer_id = ?", id)): the
; outermost call of each chain is examined in C.
(call_expression function: (selector_expression)) @call

; Struct literals of models: Order{CustomerID: id}.
(composite_literal type: (type_identifier) body: (literal_value)) @literal
