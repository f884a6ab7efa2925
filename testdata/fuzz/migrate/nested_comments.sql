/* outer /* inner /* innermost */ still inner */ still outer */
ALTER TABLE orders ADD COLUMN a int; /* /* */ */
-- a line comment with /* inside
DROP INDEX /* mid */ orders_idx;
