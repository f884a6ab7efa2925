ALTER TABLE orders DROP COLUMN notes;
/* never closed
DROP TABLE x;
