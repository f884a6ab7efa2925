; Entity Framework entities: classes are examined in C ([Table], [Column],
; DbSet<T> properties).
(class_declaration) @class

; The fluent API: modelBuilder.Entity<T>().ToTable("t"),
; .Property(...).HasColumnName("c").
(invocation_expression) @call

; Member access on a variable named after an entity: order.CustomerId.
(member_access_expression) @member

; var o = new Order { ... }: an entity added to the context later in the
; method (issue 7); the Add is looked for in C.
(variable_declarator (object_creation_expression)) @declarator
(variable_declarator (implicit_object_creation_expression)) @declarator
