-- The verdict of a drop in SARIF: the result's properties carry it.
ALTER TABLE orders DROP COLUMN notes;
