; Entity Framework entities: classes are examined in C ([Table], [Column],
; DbSet<T> properties).
(class_declaration) @class

; The fluent API: modelBuilder.Entity<T>().ToTable("t"),
; .Property(...).HasColumnName("c").
(invocation_expression) @call

; Member access on a variable named after an entity: order.CustomerId.
(member_access_expression) @member
