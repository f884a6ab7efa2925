SET lock_timeout = '1s';
ALTER TABLE orders ADD COLUMN region text, ADD COLUMN zone text;
ALTER TABLE invoices ADD COLUMN region text;
ALTER TABLE orders ADD CONSTRAINT region_set CHECK (region IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT region_set;
