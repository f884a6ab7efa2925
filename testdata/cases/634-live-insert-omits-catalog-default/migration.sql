-- status has a DEFAULT in the catalog: INSERTs that omit it still work.
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
-- notes has none: INSERTs that omit it will fail.
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
-- region is NOT NULL: without its DEFAULT, INSERTs that omit it fail.
ALTER TABLE orders ALTER COLUMN region DROP DEFAULT;
-- memo is nullable: without its DEFAULT, it reads NULL.
ALTER TABLE orders ALTER COLUMN memo DROP DEFAULT;
