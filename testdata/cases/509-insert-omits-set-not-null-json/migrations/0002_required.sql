-- notes (4th column, no DEFAULT) becomes required; status has a DEFAULT,
-- so INSERTs that omit it still work; channel is NOT NULL and loses its
-- DEFAULT.
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
ALTER TABLE orders ALTER COLUMN channel DROP DEFAULT;
