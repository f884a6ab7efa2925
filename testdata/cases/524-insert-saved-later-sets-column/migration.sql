-- Every order gets a region from now on.
ALTER TABLE orders ADD COLUMN region text NOT NULL;
