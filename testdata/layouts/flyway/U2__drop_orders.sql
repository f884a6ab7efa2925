-- Undo migration: not applied by "flyway migrate", so not checked.
DROP TABLE orders;
