; JPA / Hibernate entities: annotations (@Entity, @Table, @Column,
; @JoinColumn) are read in C.
(class_declaration) @class
