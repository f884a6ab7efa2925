; TypeORM / sequelize-typescript entities: decorators are read in C.
(class_declaration) @class

; Query-builder chains (knex): the outermost call of each chain is examined
; in C, down to its base table.
(call_expression function: (member_expression)) @call

; const o = new Order() and kin: the constructor of an instance that the
; function saves later (issue 7); checked in C.
(variable_declarator) @declarator
