; ORM models (SQLAlchemy, Django): classes are examined in C (superclasses,
; __tablename__, Meta.db_table, Column/Field assignments).
;
; Every pattern is one node: lib/codescan/orm_python.c checks the children
; each capture needs (a call's function is an attribute, an attribute's
; object an identifier...), so children here would only filter, and
; ts_query_new analyses each pattern with children against the whole parse
; table: 55 M instructions for this file at every run, 13 M without them.
; The matches that pass the checks are the same, in the same order (a
; pattern matches when the cursor enters its node; one with children when
; it enters its first child, and no match can start in between).

; Query-builder calls: Order.objects.filter(...), session.query(Order).filter_by(...).
; The method name is checked in C (predicates are not evaluated by the library).
; The function must be an attribute.
(class_definition) @class
(call) @call

; Model attributes: Order.customer_id (the object must be an identifier).
(attribute) @attribute

; SQLAlchemy Core: orders = Table("orders", metadata, Column(...)) (an
; identifier on the left, a call on the right).
(assignment) @assignment

; Core columns: orders.c.customer_id (the object must be an attribute of an
; identifier).
(attribute) @column
