; ORM models (SQLAlchemy, Django): classes are examined in C (superclasses,
; __tablename__, Meta.db_table, Column/Field assignments).
(class_definition) @class

; Query-builder calls: Order.objects.filter(...), session.query(Order).filter_by(...).
; The method name is checked in C (predicates are not evaluated by the library).
(call function: (attribute)) @call

; Model attributes: Order.customer_id.
(attribute object: (identifier)) @attribute

; SQLAlchemy Core: orders = Table("orders", metadata, Column(...)).
(assignment left: (identifier) right: (call)) @assignment

; Core columns: orders.c.customer_id.
(attribute object: (attribute object: (identifier))) @column
