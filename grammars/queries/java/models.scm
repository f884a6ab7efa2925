; JPA / Hibernate entities: annotations (@Entity, @Table, @Column,
; @JoinColumn) are read in C.
(class_declaration) @class

; String literals that may hold JPQL ("SELECT o FROM Order o ..."); the
; entities and aliases are read in C.
(string_literal) @string

; Inserts of a new entity: em.persist(new Order(...)), repo.save(new ...).
(method_invocation
  arguments: (argument_list (object_creation_expression))) @call

; Order o = new Order(): an entity persisted later in the method (issue 7);
; the persist is looked for in C.
(variable_declarator value: (object_creation_expression)) @declarator
