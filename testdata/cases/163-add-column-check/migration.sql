ALTER TABLE orders ADD COLUMN discount int CHECK (discount >= 0);
