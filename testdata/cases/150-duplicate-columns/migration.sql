UPDATE orders SET status = 'new', status = 'paid' WHERE id = 1;
CREATE TABLE audit (id bigint, note text, note text);
ALTER TABLE orders ADD COLUMN region text, ADD COLUMN region text;
