ALTER TABLE orders ADD COLUMN note text;
SELECT 'it''s never closed;
ALTER TABLE orders DROP COLUMN note;
