-- The second steps: will they succeed?
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonnegative;
ALTER TABLE orders VALIDATE CONSTRAINT orders_notes_not_null;
ALTER TABLE orders VALIDATE CONSTRAINT orders_id_positive;
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
