-- Reworked after v1.0: the table exists, add a column.
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
