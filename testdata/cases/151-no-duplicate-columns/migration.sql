UPDATE orders SET status = 'paid', notes = 'x' WHERE id = 1;
ALTER TABLE orders ADD COLUMN region text, ADD COLUMN zone text;
