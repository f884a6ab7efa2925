ALTER TABLE orders DROP COLUMN notes;
UPDATE orders SET notes = 'oops WHERE id = 1;
