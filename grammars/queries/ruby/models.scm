; ActiveRecord models: classes are examined in C (superclass, table_name,
; belongs_to).
(class) @class

; Query methods (where, pluck, order, ...) and attribute reads on model
; instances; the method name and the chain's model are checked in C.
(call) @call

; Methods: inside a model, bare names read the record's attributes.
(method) @method
